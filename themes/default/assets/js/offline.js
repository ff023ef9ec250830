// Registers the service worker (sw.js at the site's root) and asks it to
// keep this page's language for reading offline; says so in the footer
// once done. Nothing leaves the site; without support, nothing happens.
if ("serviceWorker" in navigator && window.isSecureContext) {
  const base = new URL("../", import.meta.url);
  navigator.serviceWorker.register(new URL("sw.js", base), { scope: base.pathname })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const worker = reg.active;
      if (!worker) return;
      const channel = new MessageChannel();
      channel.port1.onmessage = (ev) => {
        if (!ev.data || !ev.data.ok) return;
        document.documentElement.dataset.offline = "ready";
        for (const note of document.querySelectorAll("[data-offline-note]")) note.hidden = false;
      };
      worker.postMessage({ cache: document.documentElement.lang }, [channel.port2]);
    })
    .catch(() => {}); // offline reading is a bonus: never an error on the page
}
