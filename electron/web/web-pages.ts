/*
 * The few pages the web host writes itself, in English and Danish side by side: they appear before
 * the app (and its language setting) has loaded. No inline script or style, so the app's CSP holds.
 */

function page(title: string, english: string, danish: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${title}</title></head><body>`,
    `<h1>${title}</h1><p>${english}</p>`,
    `<p lang="da">${danish}</p>`,
    '</body></html>',
  ].join('');
}

export const ADDRESS_USED_PAGE = page(
  'This address has already been used',
  'Each address the Spheres web host prints opens Spheres once, in one tab, so that no one who sees it later can use it. The terminal running the web host shows a new address: open that one.',
  'Hver adresse, som Spheres-webværten skriver, åbner Spheres én gang, i én fane, så ingen, der ser den senere, kan bruge den. Terminalen, hvor webværten kører, viser en ny adresse: åbn den.',
);

export const ADDRESS_INVALID_PAGE = page(
  'This address is not valid for this run of Spheres',
  'The web host was perhaps restarted. Open the address it printed in the terminal most recently.',
  'Webværten er måske blevet genstartet. Åbn den adresse, den senest skrev i terminalen.',
);

export const SESSION_NEEDED_PAGE = page(
  'This tab is not signed in to Spheres',
  'A new tab, or a web host that was restarted, needs a new address: open the one the Spheres web host printed most recently in the terminal. Reloading a tab that was open before keeps working.',
  'En ny fane, eller en webvært, der er blevet genstartet, skal have en ny adresse: åbn den, som Spheres-webværten senest skrev i terminalen. En fane, der allerede var åben, kan genindlæses som før.',
);

export const NOT_BUILT_PAGE = page(
  'The Spheres web files are not built',
  'The web host is running, but the app it serves has not been built. Run npm run build (or npx electron-vite build), then open a new address from the terminal.',
  'Webværten kører, men appen, den viser, er ikke bygget. Kør npm run build (eller npx electron-vite build), og åbn så en ny adresse fra terminalen.',
);
