"use strict";
AdminKey.ready().then((node) => { document.getElementById("playground").textContent = "Sources: " + node.sources.map((s) => s.name).join(", "); });
