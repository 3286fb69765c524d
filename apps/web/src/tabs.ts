// An accessible tab list (WAI-ARIA tabs pattern): click or arrow keys to move between views, with
// only the selected tab in the Tab order.

/** Wires the tabs inside `tabList`; `onShow` receives the id of each panel that becomes visible. */
export function setUpTabs(tabList: HTMLElement, onShow: (panelId: string) => void): { show(panelId: string): void } {
  const tabs = Array.from(tabList.querySelectorAll<HTMLButtonElement>('[role="tab"]'));

  function select(tab: HTMLButtonElement, focus: boolean): void {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
      if (panel !== null) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    onShow(tab.getAttribute('aria-controls') ?? '');
  }

  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const index = tabs.indexOf(tab);
      let next: number | null = null;
      if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
      else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
      else if (event.key === 'Home') next = 0;
      else if (event.key === 'End') next = tabs.length - 1;
      if (next === null) return;
      event.preventDefault();
      select(tabs[next], true);
    });
  }

  return {
    show(panelId: string): void {
      const tab = tabs.find((candidate) => candidate.getAttribute('aria-controls') === panelId);
      if (tab !== undefined) select(tab, false);
    },
  };
}
