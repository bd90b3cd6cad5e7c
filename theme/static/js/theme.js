// Light/dark toggle. Without JavaScript the system setting decides, and the
// button stays hidden. The choice is remembered in localStorage; an inline
// script in <head> applies it before the first paint.
(() => {
  const root = document.documentElement;
  const button = document.querySelector(".theme-toggle");
  if (!button) return;
  const systemDark = matchMedia("(prefers-color-scheme: dark)");
  const isDark = () => (root.dataset.theme || (systemDark.matches ? "dark" : "light")) === "dark";
  const show = () => button.setAttribute("aria-pressed", String(isDark()));
  button.addEventListener("click", () => {
    root.dataset.theme = isDark() ? "light" : "dark";
    try { localStorage.setItem("theme", root.dataset.theme); } catch (e) { /* private mode */ }
    show();
  });
  systemDark.addEventListener("change", show);
  button.hidden = false;
  show();
})();

// Copy buttons on code blocks, an enhancement: without JavaScript the code is
// selectable as usual. Line numbers are left out of what is copied.
(() => {
  if (!navigator.clipboard) return;
  for (const block of document.querySelectorAll(".prose div.highlight")) {
    const pre = block.querySelector("pre");
    if (!pre) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = "Copy";
    button.addEventListener("click", () => {
      const code = pre.cloneNode(true);
      code.querySelectorAll(".linenos").forEach((number) => number.remove());
      navigator.clipboard.writeText(code.textContent).then(() => {
        button.textContent = "Copied";
        setTimeout(() => { button.textContent = "Copy"; }, 2000);
      }, () => { button.textContent = "Select the code to copy it"; });
    });
    block.append(button);
  }
})();

// "/" opens the search page when the site has one (the header's search link).
(() => {
  const link = document.querySelector(".search-link");
  if (!link) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    location.href = link.href;
  });
})();
