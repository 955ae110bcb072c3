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
