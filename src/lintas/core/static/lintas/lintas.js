// Behaviour the pages share, kept out of the HTML so the Content-Security-Policy allows no
// inline script: a select with data-autosubmit sends its form when changed; a button with
// data-print prints the page.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (target) {
    window.print();
  }
});
// On a phone the body's tabs are one row that scrolls sideways: show the current tab.
document.addEventListener("DOMContentLoaded", function () {
  var current = document.querySelector(".tabs a[aria-current='page']");
  var strip = current ? current.closest(".tabs") : null;
  if (strip && strip.scrollWidth > strip.clientWidth) {
    strip.scrollLeft = current.offsetLeft - strip.offsetLeft - (strip.clientWidth - current.offsetWidth) / 2;
  }
});
// A unit picker (a select with data-unit-picker) gets a filter box: typing hides the units whose
// label does not contain the text, and the groups left empty.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-unit-picker]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "unit-filter";
    box.setAttribute("aria-label", select.getAttribute("data-filter-label") || "Filter");
    box.setAttribute("placeholder", select.getAttribute("data-filter-label") || "");
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var text = box.value.trim().toLocaleLowerCase();
      select.querySelectorAll("option").forEach(function (option) {
        option.hidden = option.value !== "" && text !== "" &&
          option.textContent.toLocaleLowerCase().indexOf(text) === -1 && !option.selected;
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
    });
  });
});
// On a phone a long form folds: a details element marked data-fold-narrow starts closed (it is
// open without script and on a wider screen).
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(max-width: 640px)").matches) {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
      details.open = false;
    });
  }
});
// A chart over time marked data-scroll-end shows its latest periods first when it is wider than
// its frame (a phone): it starts scrolled to the right end.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-scroll-end]").forEach(function (chart) {
    chart.scrollLeft = chart.scrollWidth;
  });
});

// The template builder: a field dragged by its handle onto another field, or onto a section,
// moves there. The page asks the server, as its Up and Down buttons do (action
// move:section:field:to-section:to-place); without script those buttons remain.
(function () {
  var dragged = null;
  function target(node) {
    if (!node || !node.closest || !node.closest("form[data-drag-move]")) return null;
    return node.closest("[data-field]") || node.closest("fieldset[data-section]");
  }
  document.addEventListener("dragstart", function (event) {
    var handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) return;
    dragged = handle.closest("[data-field]");
    if (!dragged) return;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.id);
    dragged.classList.add("dragging");
  });
  document.addEventListener("dragover", function (event) {
    if (dragged && target(event.target)) event.preventDefault();
  });
  document.addEventListener("drop", function (event) {
    var over = dragged && target(event.target);
    if (!over) return;
    event.preventDefault();
    var form = dragged.closest("form");
    var place = over.hasAttribute("data-field") ? over.getAttribute("data-field") : "9999";
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "action";
    input.value = ["move", dragged.getAttribute("data-section"), dragged.getAttribute("data-field"),
      over.getAttribute("data-section"), place].join(":");
    form.appendChild(input);
    dragged = null;
    form.submit();
  });
  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
  });
})();
