// Django's autocomplete widgets (Select2) leave their search box and their combobox without a name: give them
// the label of the field they belong to. Select2 rebuilds both after each choice, hence the observer.
(function () {
  "use strict";
  function etiqueter() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var conteneur = select.nextElementSibling;
      var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
      if (!conteneur || !label) return;
      if (!label.id) label.id = "etiquette-" + select.id;
      var nom = label.textContent.replace(/\s*:\s*$/, "").trim();
      var sansNom = '.select2-search__field:not([aria-label]), [role="textbox"]:not([aria-label])';
      conteneur.querySelectorAll(sansNom).forEach(function (champ) {
        champ.setAttribute("aria-label", nom);
      });
      conteneur.querySelectorAll('[role="combobox"]').forEach(function (liste) {
        var noms = (liste.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
        if (noms.indexOf(label.id) === -1) liste.setAttribute("aria-labelledby", [label.id].concat(noms).join(" "));
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    etiqueter();
    new MutationObserver(etiqueter).observe(document.body, { childList: true, subtree: true, attributes: false });
  });
})();
