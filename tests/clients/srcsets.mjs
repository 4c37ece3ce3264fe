// Prints, as JSON, the srcsets the real imgix client libraries generate by default for a 400-px-wide image and for a
// full-width one, pointing at a MediaEdge source, and the same from @imgix/js-core signed with a secure URL token.
// Usage: node srcsets.mjs <origin> <source> <signed-source> <key> <token>
// The integration test (tests/MediaEdge.IntegrationTests/Clients/) runs it and requests every URL.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [origin, source, signedSource, key, token] = process.argv.slice(2);
if (!token) {
    console.error("usage: node srcsets.mjs <origin> <source> <signed-source> <key> <token>");
    process.exit(2);
}

const require = createRequire(import.meta.url);
const host = new URL(origin).host;
const path = `/img/${source}/${key}`;
const signedPath = `/img/${signedSource}/${key}`;
const results = [];
const add = (client, layout, srcset) => results.push({ client, layout, srcset });

// @imgix/js-core: buildSrcSet with w gives a dpr srcset (1x–5x, variable quality); without it, widths 100–8192.
const ImgixClient = require("@imgix/js-core");
const imgix = new ImgixClient({ domain: host, useHTTPS: origin.startsWith("https:") });
add("@imgix/js-core", "fixed", imgix.buildSrcSet(path, { w: 400 }));
add("@imgix/js-core", "full-width", imgix.buildSrcSet(path, {}));
const signing = new ImgixClient({ domain: host, useHTTPS: origin.startsWith("https:"), secureURLToken: token });
const signed = [
    { layout: "fixed", srcset: signing.buildSrcSet(signedPath, { w: 400 }) },
    { layout: "full-width", srcset: signing.buildSrcSet(signedPath, {}) },
];
const vector = { token, url: signing.buildURL(signedPath, { w: 640, auto: "format,compress" }) };

// unpic (@unpic/core over unpic's imgix transformer): what <Image> from @unpic/react and friends render.
const unpic = await import("@unpic/core");
const unpicFixed = unpic.transformProps({ src: origin + path, cdn: "imgix", width: 400, height: 100, layout: "constrained" });
add("unpic", "fixed", unpicFixed.srcset);
const unpicFull = unpic.transformProps({ src: origin + path, cdn: "imgix", layout: "fullWidth", aspectRatio: 4 });
add("unpic", "full-width", unpicFull.srcset);

// Nuxt Image: its runtime createImage with the imgix provider and the module's defaults (Tailwind screens, densities 1x 2x),
// as <NuxtImg provider="imgix" width="400"> and <NuxtImg sizes="100vw sm:100vw …"> call getSizes.
const nuxtRoot = require.resolve("@nuxt/image").replace(/module\.js$/, "runtime/");
const { createImage } = await import(pathToFileURL(nuxtRoot + "image.js").href);
const { default: imgixProvider } = await import(pathToFileURL(nuxtRoot + "providers/imgix.js").href);
const $img = createImage({
    provider: "imgix",
    providers: { imgix: { setup: imgixProvider, defaults: { baseURL: `${origin}/img/${source}/` } } },
    presets: {},
    alias: {},
    domains: [],
    screens: { sm: 640, md: 768, lg: 1024, xl: 1280, "2xl": 1536 },
    densities: [1, 2],
});
const nuxtModifiers = (width) => ({ width, height: undefined, format: undefined, quality: undefined, background: undefined, fit: undefined });
add("@nuxt/image", "fixed", $img.getSizes(key, { modifiers: nuxtModifiers(400) }).srcset);
add("@nuxt/image", "full-width", $img.getSizes(key, { sizes: "100vw sm:100vw md:100vw lg:100vw xl:100vw 2xl:100vw", modifiers: nuxtModifiers(undefined) }).srcset);

// Next.js with images: { loader: 'imgix', path }: Next 16 honours the built-in imgix loader in next/legacy/image
// (next/image takes a loaderFile instead), so the legacy component is rendered with that configuration.
const React = require("react");
const { renderToStaticMarkup } = require("react-dom/server");
const LegacyImage = require("next/legacy/image").default;
const { ImageConfigContext } = require("next/dist/shared/lib/image-config-context.shared-runtime");
const { imageConfigDefault } = require("next/dist/shared/lib/image-config");
const nextConfig = { ...imageConfigDefault, loader: "imgix", path: `${origin}/img/${source}/` };
const nextSrcset = (props) => {
    const html = renderToStaticMarkup(React.createElement(ImageConfigContext.Provider, { value: nextConfig }, React.createElement(LegacyImage, { src: `/${key}`, alt: "", priority: true, ...props })));
    const match = /srcSet="([^"]*)"/.exec(html);
    if (!match) {
        throw new Error("next/legacy/image rendered no srcset: " + html);
    }
    return match[1].replaceAll("&amp;", "&");
};
add("next", "fixed", nextSrcset({ width: 400, height: 100 }));
add("next", "full-width", nextSrcset({ width: 4096, height: 1024, layout: "responsive", sizes: "100vw" }));

process.stdout.write(JSON.stringify({ srcsets: results, signed, vector }, null, 1) + "\n");
