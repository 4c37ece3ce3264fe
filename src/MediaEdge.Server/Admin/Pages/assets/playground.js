// The playground: a source and key, imgix parameters from the controls, and what the node answers for them.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const parameterNames = ["w", "h", "fit", "crop", "fm", "q", "dpr", "blur", "sharp", "rot", "flip", "bg"];
  // What an <img> element asks for, so auto=format answers as it would on a page (fetch() alone sends */*).
  const imageAccept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
  const state = { source: null, key: null, originalBytes: null, objects: [], round: 0, listings: 0, urls: {} };

  function debounce(action, ms) {
    let timer = 0;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(action, ms);
    };
  }

  function bytes(n) {
    if (n === null || n === undefined || n < 0) {
      return "—";
    }
    if (n < 1024) {
      return n + " B";
    }
    return n < 1024 * 1024 ? (n / 1024).toFixed(1) + " KB" : (n / 1024 / 1024).toFixed(2) + " MB";
  }

  function escapeKey(key) {
    return key.split("/").map(encodeURIComponent).join("/");
  }

  // Replaces an image's object URL, freeing the one it showed before.
  function show(img, blob) {
    const previous = state.urls[img.id];
    const url = URL.createObjectURL(blob);
    state.urls[img.id] = url;
    img.src = url;
    if (previous) {
      URL.revokeObjectURL(previous);
    }
    return img.decode().catch(() => undefined);
  }

  function parameters() {
    const query = new URLSearchParams();
    for (const name of parameterNames) {
      let value = $("p-" + name).value.trim();
      if (!value) {
        continue;
      }
      if (name === "fm" && value === "auto") {
        query.append("auto", "format");
        continue;
      }
      if (name === "bg") {
        value = value.replace(/^#/, "");
      }
      query.append(name, value);
    }
    return query;
  }

  async function problemText(response) {
    try {
      const problem = await response.json();
      return response.status + " " + (problem.title || "") + (problem.detail ? ": " + problem.detail : "");
    } catch {
      return "The node answered " + response.status + ".";
    }
  }

  function showError(text) {
    const error = $("out-error");
    error.textContent = text;
    error.hidden = !text;
  }

  function showTiming(header) {
    const body = $("timing").tBodies[0];
    body.replaceChildren();
    for (const part of (header || "").split(",").map((p) => p.trim()).filter(Boolean)) {
      const [name, ...fields] = part.split(";").map((f) => f.trim());
      const field = (n) => (fields.find((f) => f.startsWith(n + "=")) || "").slice(n.length + 1).replace(/^"|"$/g, "");
      const row = body.insertRow();
      row.insertCell().textContent = name;
      row.insertCell().textContent = field("desc");
      row.insertCell().textContent = field("dur");
    }
  }

  function showLinks(answer) {
    const body = $("links").tBodies[0];
    body.replaceChildren();
    for (const link of answer.links) {
      const row = body.insertRow();
      row.dataset.dialect = link.dialect;
      row.insertCell().textContent = link.dialect;
      const anchor = document.createElement("a");
      anchor.href = link.url;
      anchor.target = "_blank";
      anchor.rel = "noopener";
      anchor.textContent = link.url;
      row.insertCell().append(anchor);
    }
    const refused = $("refused");
    refused.replaceChildren();
    for (const refusal of answer.refused) {
      const item = document.createElement("li");
      item.dataset.dialect = refusal.dialect;
      const name = document.createElement("b");
      name.textContent = refusal.dialect;
      item.append(name, ": " + refusal.reason);
      refused.append(item);
    }
  }

  function showSaving(outputBytes) {
    $("orig-bytes").textContent = bytes(state.originalBytes);
    if (!state.originalBytes || outputBytes < 0) {
      $("out-saving").textContent = "—";
      return;
    }
    const ratio = outputBytes / state.originalBytes;
    const change = Math.round((1 - ratio) * 1000) / 10;
    $("out-saving").textContent = change >= 0 ? change + " % smaller" : -change + " % larger";
  }

  // True where a response belongs to the latest round and succeeded; a failure's problem is shown instead.
  async function usable(round, response) {
    if (round !== state.round) {
      return false;
    }
    if (!response.ok) {
      showError(await problemText(response));
      return false;
    }
    return true;
  }

  // Asks for the links (the first is /img/'s, signed where the source signs), then fetches and shows the output.
  async function render() {
    if (!state.source || !state.key) {
      return;
    }
    const round = ++state.round;
    const query = new URLSearchParams({ source: state.source, key: state.key });
    for (const [name, value] of parameters()) {
      query.append(name, value);
    }
    const linksResponse = await AdminKey.api("/admin/api/links?" + query);
    if (!(await usable(round, linksResponse))) {
      return;
    }
    const answer = await linksResponse.json();
    showLinks(answer);
    const own = answer.links.find((l) => l.dialect === "imgix");
    const response = await fetch(own.url, { headers: { Accept: imageAccept } });
    if (!(await usable(round, response))) {
      return;
    }
    const blob = await response.blob();
    if (round !== state.round) {
      return;
    }
    showError("");
    const length = Number(response.headers.get("Content-Length") || blob.size);
    await Promise.all([show($("out-image"), blob), show($("compare-after"), blob)]);
    if (round !== state.round) {
      return;
    }
    const image = $("out-image");
    $("out-format").textContent = response.headers.get("Content-Type") || "—";
    $("out-dimensions").textContent = image.naturalWidth + " × " + image.naturalHeight;
    $("out-bytes").textContent = bytes(length);
    showSaving(length);
    showTiming(response.headers.get("Server-Timing"));
    document.body.dataset.rendered = String(round);
  }

  const renderSoon = debounce(() => render().catch((e) => showError(String(e))), 250);

  // The original, as the origin holds it (through /o/), for its size and the before/after comparison.
  async function loadOriginal() {
    const key = state.key;
    const response = await fetch("/o/" + encodeURIComponent(state.source) + "/" + escapeKey(key));
    if (!response.ok) {
      return;
    }
    const blob = await response.blob();
    if (key !== state.key) {
      return;
    }
    if (state.originalBytes === null) {
      state.originalBytes = blob.size;
    }
    await show($("compare-before"), blob);
  }

  function choose(key) {
    state.key = key;
    const listed = state.objects.find((o) => o.key === key);
    state.originalBytes = listed && listed.bytes >= 0 ? listed.bytes : null;
    $("orig-bytes").textContent = bytes(state.originalBytes);
    loadOriginal().catch((e) => showError(String(e))).then(renderSoon);
  }

  // The latest listing asked for wins: an earlier source's or prefix's answer arriving late is dropped.
  async function loadListing() {
    const round = ++state.listings;
    const prefix = $("prefix").value;
    const response = await AdminKey.api("/admin/api/sources/" + encodeURIComponent(state.source) + "/objects?limit=500&prefix=" + encodeURIComponent(prefix));
    if (round !== state.listings) {
      return;
    }
    if (!response.ok) {
      $("listing-note").textContent = await problemText(response);
      return;
    }
    const answer = await response.json();
    if (round !== state.listings) {
      return;
    }
    $("listing").hidden = !answer.listable;
    $("key-text-form").hidden = answer.listable;
    if (!answer.listable) {
      return;
    }
    state.objects = answer.objects;
    const list = $("key-list");
    list.replaceChildren(...answer.objects.map((o) => new Option(o.key + "  ·  " + bytes(o.bytes), o.key)));
    $("listing-note").textContent = answer.objects.length + (answer.objects.length === 500 ? "+ objects (narrow with a prefix)" : " objects");
    const current = answer.objects.find((o) => o.key === state.key) || answer.objects.find((o) => /\.(jpe?g|png|webp|avif|gif)$/i.test(o.key));
    if (current) {
      list.value = current.key;
      if (current.key !== state.key) {
        choose(current.key);
      }
    }
  }

  function chooseSource(source) {
    state.source = source;
    state.key = null;
    state.objects = [];
    loadListing().catch((e) => showError(String(e)));
  }

  function slide() {
    const at = Number($("compare-slider").value);
    $("compare-after").style.clipPath = "inset(0 0 0 " + at + "%)";
    $("compare-line").style.left = at + "%";
  }

  AdminKey.ready().then((node) => {
    const select = $("source");
    select.replaceChildren(...node.sources.map((s) => new Option(s.name + " (" + s.kind + ")", s.name)));
    select.addEventListener("change", () => chooseSource(select.value));
    $("prefix").addEventListener("input", debounce(() => loadListing().catch((e) => showError(String(e))), 250));
    $("key-list").addEventListener("change", () => choose($("key-list").value));
    $("key-text-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.objects = [];
      choose($("key-text").value.trim());
    });
    $("params").addEventListener("input", renderSoon);
    $("params").addEventListener("change", renderSoon);
    $("params").addEventListener("submit", (event) => event.preventDefault());
    $("compare-slider").addEventListener("input", slide);
    slide();
    const preferred = node.sources.find((s) => s.name === "local") || node.sources[0];
    if (preferred) {
      select.value = preferred.name;
      chooseSource(preferred.name);
    }
  });
})();
