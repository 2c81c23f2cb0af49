// Sandbox Order Desk's own script, loaded on every page after Blazor's and MudBlazor's.

// Esc dismisses the hover text of the label under the pointer (the orders table's reasons, .why in app.css) until the
// pointer leaves it: hover content must be dismissible without moving the pointer (WCAG 1.4.13).
document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') {
        return;
    }

    for (const label of document.querySelectorAll('.why:hover')) {
        label.classList.add('dismissed');
        label.addEventListener('pointerleave', () => label.classList.remove('dismissed'), { once: true });
    }
});

// Esc inside the open navigation drawer closes it (through its toggle, which the server owns) and gives the focus back
// to the toggle: on a phone the drawer covers the page and the toggle (MainLayout.razor).
document.addEventListener('keydown', event => {
    if (event.key !== 'Escape' || !event.target.closest || !event.target.closest('#navigation.mud-drawer--open')) {
        return;
    }

    const toggle = document.getElementById('toggle-navigation');
    toggle.click();
    toggle.focus();
});
