/*
 * The intervention catalogue's filters (progressive enhancement). Without JavaScript the
 * catalogue lists every course of action and links a plain page per feature value. With it,
 * the "browse by" lists become checkboxes: values of one feature widen the selection, features
 * combine; a free-text filter narrows it further. The count is announced in a live region, and
 * the state lives in the address (?step=…&q=…), so a filtered view can be shared, reloads the
 * same and the back button works. Feature values are read from the links the page already has:
 * an entry has a value when it links that value's page, the same set the value's page lists.
 */
document.addEventListener("DOMContentLoaded", () => {
  const browse = document.querySelector(".lft-facets");
  const list = document.querySelector(".lft-catalogue");
  if (!browse || !list) return;
  const dutch = document.documentElement.lang === "nl";
  const text = dutch
    ? {
        filters: "Filter de handelingsperspectieven",
        search: "Zoek in titel en beschrijving",
        clear: "Alle filters wissen",
        count: (shown, total) => `${shown} van ${total} handelingsperspectieven getoond`,
        none: "Geen handelingsperspectief past bij deze filters.",
      }
    : {
        filters: "Filter the courses of action",
        search: "Search titles and descriptions",
        clear: "Clear all filters",
        count: (shown, total) => `${shown} of ${total} courses of action shown`,
        none: "No course of action matches these filters.",
      };
  const FACET = /\/interventions\/(phenomenon|step|instrument|sector|evidence)\/(.+?)\/?$/;
  const facetOf = (link) => {
    const match = new URL(link.href, document.baseURI).pathname.match(FACET);
    return match ? [match[1], decodeURIComponent(match[2])] : null;
  };
  const fold = (value) =>
    value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const entries = [...list.querySelectorAll(".lft-entry")].map((node) => {
    const values = new Set();
    node.querySelectorAll("a[href]").forEach((link) => {
      const found = facetOf(link);
      if (found) values.add(found.join("="));
    });
    return { node, values, words: fold(node.textContent) };
  });

  const panel = document.createElement("section");
  panel.className = "lft-filters";
  panel.setAttribute("aria-labelledby", "lft-filters-title");
  const title = document.createElement("h2");
  title.id = "lft-filters-title";
  title.textContent = text.filters;
  panel.append(title);

  const searchLabel = document.createElement("label");
  searchLabel.className = "lft-filters__search";
  searchLabel.textContent = text.search;
  const search = document.createElement("input");
  search.type = "search";
  search.name = "q";
  searchLabel.append(search);
  panel.append(searchLabel);

  const boxes = [];
  const names = [];
  browse.querySelectorAll("h3").forEach((heading) => {
    const group = heading.nextElementSibling;
    if (!group || group.tagName !== "UL") return;
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = heading.textContent;
    fieldset.append(legend);
    group.querySelectorAll("a[href]").forEach((link) => {
      const found = facetOf(link);
      if (!found) return;
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = found[0];
      box.value = found[1];
      label.append(box, ` ${link.textContent}`);
      fieldset.append(label);
      boxes.push(box);
      if (!names.includes(found[0])) names.push(found[0]);
    });
    panel.append(fieldset);
  });

  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "md-button lft-filters__clear";
  clear.textContent = text.clear;
  panel.append(clear);

  const status = document.createElement("p");
  status.className = "lft-filters__count";
  status.setAttribute("role", "status");
  panel.append(status);
  const empty = document.createElement("p");
  empty.className = "lft-filters__none";
  empty.textContent = text.none;
  empty.hidden = true;

  browse.hidden = true;
  browse.before(panel);
  list.append(empty);

  const fromAddress = () => {
    const query = new URLSearchParams(window.location.search);
    boxes.forEach((box) => {
      box.checked = query.getAll(box.name).includes(box.value);
    });
    search.value = query.get("q") || "";
  };

  const toAddress = (push) => {
    const query = new URLSearchParams();
    boxes.filter((box) => box.checked).forEach((box) => query.append(box.name, box.value));
    if (search.value.trim()) query.set("q", search.value.trim());
    const address = `${window.location.pathname}${query.size ? `?${query}` : ""}`;
    if (address === `${window.location.pathname}${window.location.search}`) return;
    window.history[push ? "pushState" : "replaceState"](null, "", address);
  };

  const apply = () => {
    const chosen = names
      .map((name) => boxes.filter((b) => b.name === name && b.checked).map((b) => `${name}=${b.value}`))
      .filter((values) => values.length);
    const words = fold(search.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    entries.forEach((entry) => {
      const fits =
        chosen.every((values) => values.some((value) => entry.values.has(value))) &&
        words.every((word) => entry.words.includes(word));
      entry.node.hidden = !fits;
      if (fits) shown += 1;
    });
    empty.hidden = shown > 0;
    status.textContent = text.count(shown, entries.length);
  };

  boxes.forEach((box) =>
    box.addEventListener("change", () => {
      toAddress(true);
      apply();
    }),
  );
  search.addEventListener("input", () => {
    toAddress(false);
    apply();
  });
  clear.addEventListener("click", () => {
    boxes.forEach((box) => {
      box.checked = false;
    });
    search.value = "";
    toAddress(true);
    apply();
    search.focus();
  });
  window.addEventListener("popstate", () => {
    fromAddress();
    apply();
  });
  fromAddress();
  apply();
});
