// The script-tag entry: defines <hearth-comments> once, however often the script is pasted.
import { HearthComments } from './elements/hearth-comments/hearth-comments.js';

// Read through a variable: Vite rewrites `new URL('.', import.meta.url)` written inline as an
// asset import of the source folder, which would inline a file instead of naming a directory.
const scriptUrl = import.meta.url;
HearthComments.defaultEndpoint = new URL('.', scriptUrl).href;
if (!customElements.get('hearth-comments')) customElements.define('hearth-comments', HearthComments);
