// The script-tag entry: defines <hearth-comments> and <hearth-count> once, however often the
// script is pasted.
import { HearthComments } from './elements/hearth-comments/hearth-comments.js';
import { HearthCount } from './elements/hearth-count/hearth-count.js';

// Read through a variable: Vite rewrites `new URL('.', import.meta.url)` written inline as an
// asset import of the source folder, which would inline a file instead of naming a directory.
const scriptUrl = import.meta.url;
HearthComments.defaultEndpoint = HearthCount.defaultEndpoint = new URL('.', scriptUrl).href;
if (!customElements.get('hearth-comments')) customElements.define('hearth-comments', HearthComments);
if (!customElements.get('hearth-count')) customElements.define('hearth-count', HearthCount);
