// The admin pages' one shared piece: the key, asked for once and kept for the browser session, sent with every API call.
"use strict";

const AdminKey = (() => {
  const storageName = "mediaedge.admin.key";
  let waiting = null;

  function stored() {
    return sessionStorage.getItem(storageName);
  }

  // Shows the key form and resolves with the key once it is accepted by the node.
  function ask(message) {
    if (waiting) {
      return waiting;
    }
    const form = document.getElementById("key-form");
    const input = document.getElementById("key-input");
    const note = document.getElementById("key-message");
    document.body.classList.add("locked");
    note.textContent = message || "Enter one of the node's admin keys (MediaEdge:Admin:Keys).";
    input.value = "";
    input.focus();
    waiting = new Promise((resolve) => {
      form.onsubmit = async (event) => {
        event.preventDefault();
        const key = input.value.trim();
        const response = await fetch("/admin/api/node", { headers: { Authorization: "Bearer " + key } });
        if (!response.ok) {
          note.textContent = response.status === 403 ? "That key is not accepted." : "The node refused: " + response.status;
          return;
        }
        sessionStorage.setItem(storageName, key);
        document.body.classList.remove("locked");
        waiting = null;
        resolve(key);
      };
    });
    return waiting;
  }

  // fetch() for /admin/api/*, with the key; asks again on 401/403 and retries once the key is accepted.
  async function api(path, init) {
    let key = stored() || (await ask());
    for (;;) {
      const headers = new Headers((init && init.headers) || {});
      headers.set("Authorization", "Bearer " + key);
      const response = await fetch(path, Object.assign({}, init, { headers }));
      if (response.status !== 401 && response.status !== 403) {
        // The key is accepted: a page opened with a stored key (reloaded, or the other admin page) unlocks here.
        document.body.classList.remove("locked");
        return response;
      }
      sessionStorage.removeItem(storageName);
      key = await ask(response.status === 403 ? "The stored key is no longer accepted." : "An admin key is required.");
    }
  }

  // Resolves once a key the node accepts is known (asking for it if none is stored).
  async function ready() {
    const response = await api("/admin/api/node");
    return response.json();
  }

  return { api, ready, stored };
})();
