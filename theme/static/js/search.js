// The search page: Pagefind's UI in #search, styled by main.css. A query in
// the address (/search/?q=drought) is searched at once, and each search is
// written back to the address, so results can be linked and the back button works.
(() => {
  const element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") return;
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    showSubResults: true,
    showImages: false,
    autofocus: true,
    translations: { placeholder: "Search posts, publications, news and pages" },
    processTerm: (term) => {
      const url = new URL(location.href);
      if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      return term;
    },
  });
  // The page's heading labels Pagefind's search box, which has only a placeholder.
  const input = element.querySelector("input");
  if (input) input.setAttribute("aria-labelledby", "search-heading");
  const query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
