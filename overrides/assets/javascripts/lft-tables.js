/*
 * Tables on narrow screens: each table sits in a scroll container (the theme's, or one made here)
 * that can be focused and scrolled with the keyboard, is named after the heading above it, and
 * shows a visible cue while columns are out of view. Names are unique on a page (each region is a
 * landmark).
 */
document.addEventListener("DOMContentLoaded", () => {
  const dutch = document.documentElement.lang === "nl";
  const cue = dutch
    ? "Schuif de tabel opzij voor alle kolommen"
    : "Scroll the table sideways to see every column";
  const names = new Set();
  document.querySelectorAll("article table").forEach((table, index) => {
    let box = table.closest(".md-typeset__scrollwrap");
    if (!box) {
      box = document.createElement("div");
      table.before(box);
      box.append(table);
    }
    const labels = "article :is(h2, h3, h4, summary, .admonition-title)";
    const heading = [...document.querySelectorAll(labels)]
      .filter((node) => node.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING)
      .pop();
    const title = table.querySelector("caption")?.textContent || heading?.textContent
      || (dutch ? "Tabel" : "Table") + " " + (index + 1);
    box.classList.add("lft-table");
    box.setAttribute("role", "region");
    box.setAttribute("tabindex", "0");
    let name = (dutch ? "Tabel: " : "Table: ") + title.trim();
    if (names.has(name)) name += ` (${index + 1})`;
    names.add(name);
    box.setAttribute("aria-label", name);
    const note = document.createElement("p");
    note.className = "lft-table__cue";
    note.textContent = cue;
    box.before(note);
    const update = () => {
      const hidden = box.scrollWidth > box.clientWidth + 1;
      note.hidden = !hidden;
      box.classList.toggle("lft-table--scrolls", hidden);
    };
    update();
    new ResizeObserver(update).observe(box);
  });
});
