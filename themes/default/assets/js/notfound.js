// The root 404 page lists "page not found" in every language. When the
// address asked for is under a language's folder (/nl/…), that language's
// message comes first and the page takes its language and title.
const items = [...document.querySelectorAll(".choices li[lang]")];
const hit = items.find((li) => {
  const a = li.querySelector("a");
  return a && location.pathname.startsWith(new URL(a.href, location.href).pathname);
});
if (hit) {
  hit.parentElement.prepend(hit);
  document.documentElement.lang = hit.lang;
  document.documentElement.dir = hit.dir || "ltr";
  const h1 = document.querySelector("h1");
  if (h1 && hit.dataset.title) {
    h1.textContent = hit.dataset.title;
    document.title = hit.dataset.title;
  }
}
