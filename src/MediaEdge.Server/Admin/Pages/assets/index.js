"use strict";
AdminKey.ready().then((node) => { document.getElementById("index").textContent = "Sources: " + node.sources.map((s) => s.name).join(", "); });
