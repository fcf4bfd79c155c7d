// Marks that JavaScript runs, so the CSS can keep the menu open for browsers without it.
document.documentElement.classList.remove("no-js");
