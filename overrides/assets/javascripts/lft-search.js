/*
 * Search with Pagefind, in the reader's language (Pagefind picks the index of <html lang>).
 * The button and the empty panel are in the header (overrides/partials/header.html); without
 * JavaScript neither is shown. Pagefind's interface and index load from this site on first use.
 * Keyboard: the button opens the panel and focuses the search field; Escape closes it and
 * returns focus to the button.
 */
(() => {
  const box = document.querySelector("[data-lft-search]");
  if (!box) return;
  const button = box.querySelector("button");
  const panel = box.querySelector("[role=search]");
  const bundle = new URL(panel.dataset.bundle, document.baseURI);
  let ready = null;

  const load = () => {
    ready ??= new Promise((resolve, reject) => {
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-ui.css", bundle).href;
      document.head.append(style);
      const script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", bundle).href;
      script.addEventListener("load", resolve);
      script.addEventListener("error", reject);
      document.head.append(script);
    }).then(() => new window.PagefindUI({
      element: panel,
      bundlePath: bundle.pathname,
      baseUrl: bundle.pathname.replace(/pagefind\/$/, ""),
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      // Pagefind's own Dutch text calls the clear button "Reset".
      translations: document.documentElement.lang === "nl" ? { clear_search: "Wissen" } : {},
    }));
    return ready;
  };

  const open = () => {
    panel.hidden = false;
    button.setAttribute("aria-expanded", "true");
    load().then(() => panel.querySelector("input")?.focus());
  };

  const close = () => {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  };

  button.hidden = false;
  button.addEventListener("click", () => (panel.hidden ? open() : close()));
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
})();
