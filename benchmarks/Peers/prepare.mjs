// Lays out the sources every peer reads and the job lists every peer runs.
//
//   node prepare.mjs --photos DIR --sources DIR --jobs DIR [--quick] [--formats jpg,webp,avif]
//
// SOURCES/            the photos as they are, variants/ (10 per photo, one pixel changed and re-encoded, so no two
//                     sources share bytes) and warmup/ (one more variant per photo, used only before timing)
// JOBS/NAME.json      [{ key, width, format, quality }]: warmup, distinct, srcset, mixed
// The variants are made once per photo set and sharp version (a stamp file says which) and reused on later runs.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, parse } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values: args } = parseArgs({
  options: {
    photos: { type: 'string' },
    sources: { type: 'string' },
    jobs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    formats: { type: 'string', default: 'jpg,webp,avif' },
  },
});
if (!args.photos || !args.sources || !args.jobs) {
  console.error('usage: node prepare.mjs --photos DIR --sources DIR --jobs DIR [--quick] [--formats jpg,webp,avif]');
  process.exit(2);
}

// The quality each output format is asked for, by every peer alike.
const QUALITY = { jpg: 80, webp: 80, avif: 50 };
const VARIANTS = 10;

const photos = (await readdir(args.photos)).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
if (photos.length !== 4) {
  throw new Error(`expected 4 photos in ${args.photos}, found ${photos.length}`);
}

const sources = args.sources;
const variantKey = (photo, v) => `variants/${parse(photo).name}-${String(v).padStart(2, '0')}${parse(photo).ext}`;
await makeSources();

const quick = args.quick;
const formats = args.formats.split(',');
const job = (key, width, format = 'webp') => ({ key, width, format, quality: QUALITY[format] });

// distinct: 40 sources, each asked once, photos interleaved, widths 600, 605, … 795.
const distinct = Array.from({ length: quick ? 12 : 4 * VARIANTS }, (_, i) => job(variantKey(photos[i % 4], Math.floor(i / 4)), 600 + 5 * i));
// srcset: each photo at 10 widths 780, 784, … 816, photos interleaved.
const srcset = Array.from({ length: quick ? 12 : 40 }, (_, i) => job(photos[i % 4], 780 + 4 * Math.floor(i / 4)));
// mixed: each photo × each format × 3 widths.
const mixedWidths = quick ? [720] : [640, 720, 880];
const mixed = mixedWidths.flatMap((w) => formats.flatMap((f) => photos.map((p) => job(p, w, f))));
// warmup: fresh processes see each decoder and encoder once before timing starts, on sources no workload uses.
const warmup = formats.flatMap((f) => photos.map((p) => job(`warmup/${p}`, 400, f)));

await mkdir(args.jobs, { recursive: true });
for (const [name, jobs] of Object.entries({ warmup, distinct, srcset, mixed })) {
  await writeFile(join(args.jobs, `${name}.json`), JSON.stringify(jobs, null, 1));
}
console.log(`prepared ${sources}: ${photos.join(', ')}; jobs distinct ${distinct.length}, srcset ${srcset.length}, mixed ${mixed.length} (${formats.join('/')})`);

async function makeSources() {
  const stamp = createHash('sha256');
  stamp.update(`sharp ${sharp.versions.sharp} variants ${VARIANTS}\n`);
  for (const photo of photos) {
    stamp.update(photo).update(await readFile(join(args.photos, photo)));
  }
  const digest = stamp.digest('hex');
  const stampFile = join(sources, '.stamp');
  if ((await readFile(stampFile, 'utf8').catch(() => '')) === digest) {
    return;
  }
  await mkdir(join(sources, 'variants'), { recursive: true });
  await mkdir(join(sources, 'warmup'), { recursive: true });
  for (const photo of photos) {
    const bytes = await readFile(join(args.photos, photo));
    await writeFile(join(sources, photo), bytes);
    const meta = await sharp(bytes).metadata();
    for (let v = 0; v <= VARIANTS; v++) {
      const key = v < VARIANTS ? variantKey(photo, v) : `warmup/${photo}`;
      await writeFile(join(sources, key), await variant(bytes, meta, v));
    }
    console.log(`made ${VARIANTS} variants and a warm-up copy of ${photo}`);
  }
  await writeFile(stampFile, digest);
}

// The photo with pixel (v, 0) set to a colour of its own, re-encoded in its own format (ICC profile kept).
async function variant(bytes, meta, v) {
  const pixel = Buffer.from([(v * 23) % 256, 255 - ((v * 23) % 256), 128]);
  const image = sharp(bytes)
    .composite([{ input: pixel, raw: { width: 1, height: 1, channels: 3 }, left: v, top: 0 }])
    .keepIccProfile();
  switch (meta.format) {
    case 'jpeg':
      return image.jpeg({ quality: 90, progressive: !!meta.isProgressive, chromaSubsampling: meta.chromaSubsampling ?? '4:2:0' }).toBuffer();
    case 'png':
      return image.png().toBuffer();
    case 'webp':
      return image.webp({ quality: 90, effort: 2 }).toBuffer();
    default:
      throw new Error(`no variant encoder for ${meta.format}`);
  }
}
