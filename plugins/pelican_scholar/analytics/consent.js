// Google Analytics only after the reader agrees in the banner of
// partials/analytics.html; the choice is kept in localStorage.
(() => {
  const KEY = "analytics-consent";
  const banner = document.getElementById("analytics-consent");
  const load = () => {
    const id = banner.dataset.ga;
    window.dataLayer = window.dataLayer || [];
    window.gtag = function () { window.dataLayer.push(arguments); };
    window.gtag("js", new Date());
    window.gtag("config", id);
    const script = document.createElement("script");
    script.async = true;
    script.src = "https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(id);
    document.head.append(script);
  };
  let choice = null;
  try { choice = localStorage.getItem(KEY); } catch (e) { /* private mode: ask each time */ }
  if (choice === "granted") { load(); return; }
  if (choice === "denied") return;
  banner.hidden = false;
  banner.addEventListener("click", (event) => {
    const answer = event.target.closest("[data-consent]");
    if (!answer) return;
    try { localStorage.setItem(KEY, answer.dataset.consent); } catch (e) { /* not remembered */ }
    banner.hidden = true;
    if (answer.dataset.consent === "granted") load();
  });
})();
