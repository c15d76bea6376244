// "Imprimer cette page" buttons: hidden without JavaScript (the browser's own
// print command still works), shown and wired here.
document.querySelectorAll("button[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
