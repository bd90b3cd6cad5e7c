// "Show comments": loads giscus or Disqus only when the reader asks.
// Loaded only on pages with a comments section. Without JavaScript the
// button stays a link to the discussion. The giscus widget takes the site's
// light or dark mode, and follows it when the reader switches.
(() => {
  const root = document.documentElement;
  const dark = () => (root.dataset.theme || (matchMedia("(prefers-color-scheme: dark)").matches
    ? "dark" : "light")) === "dark";

  // data-giscus-repo-id="…" on the section → data-repo-id="…" on giscus's script.
  const giscusAttributes = (section) => Object.entries(section.dataset)
    .filter(([name]) => name.startsWith("giscus") && !name.endsWith("Theme"))
    .map(([name, value]) => ["data-" + name.slice(6).replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()).slice(1), value]);

  const giscusTheme = (section) => (dark() ? section.dataset.giscusDarkTheme : section.dataset.giscusLightTheme);

  const loaders = {
    giscus(section, widget) {
      const script = document.createElement("script");
      script.src = "https://giscus.app/client.js";
      for (const [name, value] of giscusAttributes(section)) script.setAttribute(name, value);
      script.setAttribute("data-theme", giscusTheme(section));
      script.crossOrigin = "anonymous";
      script.async = true;
      widget.append(script);
      // Follow the theme toggle: giscus takes a new theme by message.
      new MutationObserver(() => {
        const frame = widget.querySelector("iframe.giscus-frame");
        if (frame) frame.contentWindow.postMessage({ giscus: { setConfig: { theme: giscusTheme(section) } } }, "https://giscus.app");
      }).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
    },
    disqus(section, widget) {
      const { disqusShortname, disqusUrl, disqusIdentifier } = section.dataset;
      window.disqus_config = function () {
        this.page.url = disqusUrl;
        this.page.identifier = disqusIdentifier;
      };
      const script = document.createElement("script");
      script.src = `https://${disqusShortname}.disqus.com/embed.js`;
      script.setAttribute("data-timestamp", String(Date.now()));
      script.async = true;
      widget.append(script);
    },
  };

  for (const section of document.querySelectorAll("[data-comments]")) {
    const link = section.querySelector(".comments__button");
    const widget = section.querySelector(".comments__widget");
    const load = loaders[section.dataset.comments];
    if (!link || !widget || !load) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.dataset.label;
    link.replaceWith(button);
    button.addEventListener("click", () => {
      load(section, widget);
      button.remove();
      widget.focus();
    }, { once: true });
  }
})();
