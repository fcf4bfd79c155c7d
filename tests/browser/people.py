"""A person at the browser: with a mouse (Playwright's fill and click) or with the keyboard alone.

Journeys are written once against ``Person`` and run both ways. The keyboard person reaches every control
with Tab or Shift+Tab (whichever way is shorter in document order), never clicks, chooses options with the
arrow keys, ticks boxes with Space, presses buttons with Space and follows links with Enter, and on every
control it lands on checks that the focus indicator is visible and contrasts at least 3:1 with what surrounds it.
"""

from __future__ import annotations

import re

from django.utils import translation
from playwright.sync_api import Locator, Page, expect

MAX_TABS = 120

# The outline of the focused element against the first opaque background behind it (WCAG 2.4.7, 1.4.11).
FOCUS_CONTRAST_JS = """el => {
  const cs = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  if (cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) < 2) return 0;
  let bg = [255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; }
  }
  const a = lum(rgb(cs.outlineColor).slice(0, 3)), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


class Person:
    def __init__(self, page: Page, *, how: str, language: str) -> None:
        self.page, self.how, self.language = page, how, language
        self.keyboard = how == "keyboard"

    # --- language -----------------------------------------------------------------------------------------
    def t(self, message: str, context: str | None = None) -> str:
        """``message`` as the page shows it in this person's language (the catalogue the site uses)."""
        with translation.override(self.language):
            return translation.pgettext(context, message) if context else translation.gettext(message)

    def name_of(self, obj: object) -> str:
        """``str(obj)`` in this person's language (a working group's "3. title", an organisation's name)."""
        with translation.override(self.language):
            return str(obj)

    def url(self, path: str) -> str:
        return re.sub(r"^/lv/", f"/{self.language}/", path)

    def go(self, path: str) -> None:
        self.page.goto(self.url(path))

    # --- controls -----------------------------------------------------------------------------------------
    def reach(self, target: Locator) -> None:
        """Move the focus to ``target``: Tab forwards or Shift+Tab backwards, as a keyboard user would."""
        target.scroll_into_view_if_needed()
        key = (
            "Shift+Tab"
            if target.evaluate(
                "el => !!document.activeElement && document.activeElement !== document.body"
                " && !!(el.compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)"
            )
            else "Tab"
        )
        for _ in range(MAX_TABS):
            if target.evaluate("el => el === document.activeElement"):
                break
            self.page.keyboard.press(key)
        else:
            raise AssertionError(f"{MAX_TABS} presses of {key} never reached {target}")
        ratio = target.evaluate(FOCUS_CONTRAST_JS)
        assert ratio >= 3, f"focus indicator of {target} contrasts {ratio:.2f}:1"

    def fill(self, target: Locator, text: str) -> None:
        if not self.keyboard:
            target.fill(text)
            return
        self.reach(target)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def fill_date(self, target: Locator, iso: str) -> None:
        """A date field: its parts typed in the order the browser shows them."""
        if not self.keyboard:
            target.fill(iso)
            return
        self.reach(target)
        year, month, day = iso.split("-")
        # Chromium lays out a date field in its own interface language (en-US: month, day, year), whatever
        # the page's locale; each typed part moves on to the next.
        self.page.keyboard.type(month + day + year)
        expect(target).to_have_value(iso)

    def choose(self, target: Locator, label: str) -> None:
        """Pick the option whose text is ``label``: arrow keys from the first option."""
        if not self.keyboard:
            target.select_option(label=label)
            return
        self.reach(target)
        if target.evaluate("s => getComputedStyle(s).appearance") == "base-select":
            return self._choose_in_picker(target, label)
        self.page.keyboard.press("Home")
        for _ in range(target.locator("option").count()):
            if target.evaluate("s => s.options[s.selectedIndex].text.trim()") == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {label!r} in {target}")

    def _choose_in_picker(self, target: Locator, label: str) -> None:
        """A customisable select (appearance: base-select): Enter opens its list, the arrows move through the
        options, Enter chooses one."""
        self.page.keyboard.press("Enter")
        self.page.keyboard.press("Home")
        for _ in range(target.locator("option").count()):
            if self.page.evaluate("() => (document.activeElement.text || '').trim()") == label:
                self.page.keyboard.press("Enter")
                expect(target.locator("option:checked")).to_have_text(label)
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {label!r} in {target}")

    def tick(self, target: Locator) -> None:
        if not self.keyboard:
            target.check()
            return
        self.reach(target)
        self.page.keyboard.press("Space")
        expect(target).to_be_checked()

    def press(self, target: Locator) -> None:
        """Press a button (Space) or follow a link (Enter)."""
        if not self.keyboard:
            target.click()
            return
        self.reach(target)
        is_link = target.evaluate("el => el.tagName === 'A'")
        self.page.keyboard.press("Enter" if is_link else "Space")

    def button(self, message: str, **kwargs) -> Locator:
        return self.page.get_by_role("button", name=self.t(message), **kwargs)

    def link(self, message: str, **kwargs) -> Locator:
        return self.page.get_by_role("link", name=self.t(message), **kwargs)

    def accept_dialogs(self) -> None:
        """Say yes to "are you sure?" (Playwright would dismiss it): the dialog itself is keyboard operable."""
        self.page.on("dialog", lambda dialog: dialog.accept())

    def menu(self, message: str) -> None:
        """Follow a link of the main menu, opening the folded menu first (on a phone, or at large text)."""
        toggler = self.page.locator(".navbar-toggler")
        if toggler.is_visible():
            self.press(toggler)
            expect(self.page.locator("#main-nav")).to_be_visible()
        self.press(self.page.locator("#main-nav").get_by_role("link", name=self.t(message), exact=True))
