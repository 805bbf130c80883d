// The benchmark's measures, run in this order. To add one, write a module exporting
// { name, title, needsBrowser?, run(context) -> { markdown, data } } and list it here.
// `context` holds: distDir, siteDir (a scratch copy of dist served by `server`), indexHtml,
// basePath, runs, and, when needsBrowser is set, browser (playwright-core Chromium) and
// server ({ url, origin, basePath }).

import bundleSize from './bundle-size.mjs';
import coldLoad from './cold-load.mjs';
import slow4g from './slow-4g.mjs';
import openProduct from './open-product.mjs';
import storefront from './storefront.mjs';
import checkout from './checkout.mjs';
import history from './history.mjs';

export default [bundleSize, coldLoad, slow4g, openProduct, storefront, checkout, history];
