import { AuthorNameSchema, CommentBodySchema } from '../../src/protocol/new-comment.js';

/**
 * Script-injection vectors for comment bodies and author names, grouped by family.
 *
 * Every payload that would run script if it reached markup calls `__hearthXss('<id>')` (a few
 * classics call `alert`, `confirm` or `prompt` with the id instead), so a test that installs
 * those spies sees which vector ran. Frames call `top.__hearthXss`. Payloads stay within the
 * protocol's body limit; `fitsAsAuthorName` says which also fit as a display name.
 *
 * Sources: the OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat sheet, published
 * DOMPurify bypasses (mutation XSS), the CommonMark spec's link and entity rules, and
 * markdown-renderer advisories (marked, markdown-it, showdown).
 */

/** The global every executing payload calls. */
export const spyName = '__hearthXss';

export const XssFamily = {
  scriptTag: 'script-tag',
  eventHandler: 'event-handler',
  urlScheme: 'url-scheme',
  mutation: 'mutation',
  embedding: 'embedding',
  css: 'css',
  markdown: 'markdown',
  breakout: 'breakout',
  template: 'template',
  unicode: 'unicode',
  size: 'size',
  polyglot: 'polyglot',
} as const;
export type XssFamily = (typeof XssFamily)[keyof typeof XssFamily];

/** One injection attempt. */
export interface XssVector {
  /** Unique, e.g. `script-tag-3`; the payload reports it to the spy if it ever runs. */
  id: string;
  family: XssFamily;
  payload: string;
}

/** Builds a payload from `call`, the spy call naming the vector (`__hearthXss('id')`), and the id. */
type MakePayload = (call: string, id: string) => string;

/** Every character as a decimal character reference: `&#95;&#95;…`. */
function decimalEntities(text: string): string {
  return [...text].map((char) => `&#${char.codePointAt(0)};`).join('');
}

/** Every character as a hexadecimal character reference: `&#x5f;&#x5f;…`. */
function hexEntities(text: string): string {
  return [...text].map((char) => `&#x${char.codePointAt(0)!.toString(16)};`).join('');
}

/** Every character percent-encoded, including ones that need not be. */
function percentEncoded(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`)
    .join('');
}

function base64(text: string): string {
  return btoa(text);
}

function family(name: XssFamily, makers: readonly MakePayload[]): XssVector[] {
  return makers.map((make, index) => {
    const id = `${name}-${index + 1}`;
    return { id, family: name, payload: make(`${spyName}('${id}')`, id) };
  });
}

/** `<script>` elements: case, attributes, nesting, broken and unclosed tags. */
const scriptTags = family(XssFamily.scriptTag, [
  (x) => `<script>${x}</script>`,
  (x) => `<SCRIPT>${x}</SCRIPT>`,
  (x) => `<ScRiPt>${x}</sCrIpT>`,
  (x) => `<script src="data:text/javascript,${encodeURIComponent(x)}"></script>`,
  (x) => `<scr<script>ipt>${x}</scr</script>ipt>`,
  (x) => `<script\n>${x}</script\n>`,
  (x) => `<script type="module">${x}</script>`,
  (x) => `<script/xss>${x}</script>`,
  (x) => `<<script>${x}//<</script>`,
  (x) => `<script>${x}`,
  (x) => `</script><script>${x}</script>`,
  (x) => `<script>document.write("<img src=x onerror=${x}>")</script>`,
  (x) => `<script>/*</script><script>*/${x}</script>`,
  (x) => `<div><p><script>${x}</script></p></div>`,
  (x) => `<script>\n${x}\n</script>`,
  (x) => `Some text first.\n\n<script>\n${x}\n</script>\n\nAnd after.`,
  (x) => `<script\tsrc=data:,${encodeURIComponent(x)}></script>`,
  (x) => `<svg><script>${x}</script></svg>`,
  (x) => `<svg><script href="data:,${encodeURIComponent(x)}"/></svg>`,
  (x) => `<script>eval(atob('${base64(x)}'))</script>`,
  (x) => `<script>setTimeout("${x}")</script>`,
  (x) => `<script x="</script>">${x}</script>`,
]);

/** Event-handler attributes on many elements, some firing without interaction. */
const eventHandlers = family(XssFamily.eventHandler, [
  (x) => `<img src=x onerror="${x}">`,
  (x) => `<img/src=x/onerror="${x}">`,
  (x) => `<IMG SRC=x OnErRoR="${x}">`,
  (x) => `<img src=x onerror\n="${x}">`,
  (x) => `<img src=x onerror="${decimalEntities(x)}">`,
  (x) => `<img src onerror="eval(atob('${base64(x)}'))">`,
  (x) => `<img srcset=",,,,x" onerror="${x}">`,
  (x) => `<image src=x onerror="${x}">`,
  (x) => `<svg onload="${x}">`,
  (x) => `<svg/onload=${x}>`,
  (x) => `<body onload="${x}">`,
  (x) => `<body onpageshow="${x}">`,
  (x) => `<details open ontoggle="${x}">`,
  (x) => `<video><source onerror="${x}"></video>`,
  (x) => `<video src=x onerror="${x}"></video>`,
  (x) => `<audio src=x onerror="${x}"></audio>`,
  (x) => `<input autofocus onfocus="${x}">`,
  (x) => `<select autofocus onfocus="${x}"></select>`,
  (x) => `<textarea autofocus onfocus="${x}"></textarea>`,
  (x) => `<marquee onstart="${x}">news</marquee>`,
  (x) => `<style onload="${x}"></style>`,
  (x) => `<iframe onload="${x}"></iframe>`,
  (x) => `<object data=x onerror="${x}"></object>`,
  (x) => `<input type=image src=x onerror="${x}">`,
  (x) => `<link rel=stylesheet href=x onerror="${x}">`,
  (x) => `<x tabindex=1 autofocus onfocus="${x}"></x>`,
  (x) => `<div contenteditable autofocus onfocusin="${x}">edit me</div>`,
  (x) => `<a onmouseover="${x}" href="https://example.com/">hover</a>`,
  (x) => `<svg><animate onbegin="${x}" attributeName=x dur=1s>`,
  (x) => `<svg><set onbegin="${x}" attributeName=x to=1>`,
  (x) => `<div onpointerenter="${x}">over</div>`,
  (x) => `<img src=x onerror=${x}//`,
  (_, id) => `<img src=1 onerror="window['__hearth'+'Xss']('${id}')">`,
  (x) => `<keygen autofocus onfocus="${x}">`,
  (x) => `<frameset onload="${x}">`,
  (_, id) => `<img src=x onerror=alert('${id}')>`,
  (_, id) => `<svg onload=confirm('${id}')>`,
  (_, id) => `<img src=x onerror=prompt('${id}')>`,
  (x) => `<img src=x:x onerror="${hexEntities(x)}">`,
  (x) => `<body onhashchange="${x}">`,
  (x) => `<math><maction actiontype=statusline onclick="${x}">x</maction></math>`,
]);

/** `javascript:`, `data:` and `vbscript:` URLs: entities, case, whitespace, control characters. */
const urlSchemes = family(XssFamily.urlScheme, [
  (x) => `[click](javascript:${x})`,
  (x) => `[click](JaVaScRiPt:${x})`,
  (x) => `[click](javascript&#58;${x})`,
  (x) => `[click](javascript&#x3A;${x})`,
  (x) => `[click](javascript&#X3a;${x})`,
  (x) => `[click](javascript&colon;${x})`,
  (x) => `[click](javascript&#0000058${x})`,
  (x) => `[click](javascript&#0000058;${x})`,
  (x) => `[click](${decimalEntities('javascript:')}${x})`,
  (x) => `[click](${hexEntities('javascript:')}${x})`,
  (x) => `[click](java&#x09;script:${x})`,
  (x) => `[click](java&Tab;script:${x})`,
  (x) => `[click](java&NewLine;script:${x})`,
  (x) => `[click](java&#x0A;script:${x})`,
  (x) => `[click](java&#13;script:${x})`,
  (x) => `[click](java\tscript:${x})`,
  (x) => `[click](java\u0000script:${x})`,
  (x) => `[click](java&#0;script:${x})`,
  (x) => `[click](&#x20;javascript:${x})`,
  (x) => `[click](&#x01;&#x02;javascript:${x})`,
  (x) => `[click](\u0001javascript:${x})`,
  (x) => `[click](&#x7f;javascript:${x})`,
  (x) => `[click](<  javascript:${x}>)`,
  (x) => `[click](<javascript:${x}>)`,
  (x) => `[click](<java script:${x}>)`,
  (x) => `[click](javascript://%0a${x})`,
  (x) => `[click](javascript://example.com/%0A${x})`,
  (_, id) => `[click](javascript:${percentEncoded(`${spyName}('${id}')`)})`,
  (x) => `[click](data:text/html;base64,${base64(`<script>top.${x}</script>`)})`,
  (x) => `[click](data:text/html,<script>${x}</script>)`,
  (x) => `[click](DATA:text/html,<svg/onload=${x}>)`,
  (x) =>
    `[click](data:image/svg+xml;base64,${base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="${x}"/>`)})`,
  (x) => `[click](vbscript:${x})`,
  (x) => `[click](VBScript&#58;${x})`,
  (x) => `[click](//evil.example/${x})`,
  (x) => `[click](\\\\evil.example/${x})`,
  (x) => `[click](/\\evil.example/${x})`,
  (x) => `[click](jav&#x61;script:${x})`,
  (x) => `[click](javascript&#58${x})`,
  (x) => `[click](&#x6a&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3a${x})`,
  (x) => `[click](&#1114112;javascript:${x})`,
  (x) => `<a href="javascript:${x}">click</a>`,
  (x) => `<a href="jav&#x09;ascript:${x}">click</a>`,
  (x) => `<a href=" &#14;  javascript:${x}">click</a>`,
  (x) => `<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A${x}">click</a>`,
  (x) => `[click](javascript:void(0);${x})`,
  (x) => `[click](javascript:/**/${x})`,
  (x) => `[click](jav\u00adascript:${x})`,
  (x) => `[click](blob:https://example.com/${x})`,
  (x) => `[click](https:javascript:${x})`,
]);

/** Mutation XSS: markup that changes meaning when parsed, serialised and parsed again. */
const mutations = family(XssFamily.mutation, [
  (x) => `<svg><style><img src=x onerror="${x}"></style></svg>`,
  (x) => `<math><mtext><table><mglyph><style><img src=x onerror="${x}">`,
  (x) =>
    `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=${x}&gt;">`,
  (x) => `<svg></p><style><a id="</style><img src=1 onerror=${x}>">`,
  (x) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${x}>`,
  (x) => `<noscript><p title="</noscript><img src=x onerror=${x}>">`,
  (x) => `<svg><foreignObject><img src=x onerror="${x}"></foreignObject></svg>`,
  (x) => `<math><annotation-xml encoding="text/html"><img src=x onerror="${x}"></annotation-xml></math>`,
  (x) => `<svg><title><img src=x onerror="${x}"></title></svg>`,
  (x) => `<textarea><img title="</textarea><img src=x onerror=${x}>"></textarea>`,
  (x) => `<xmp><img title="</xmp><img src=x onerror=${x}>"></xmp>`,
  (x) => `<svg><desc><style><img src=x onerror="${x}">`,
  (x) => `<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=${x} src=1>">`,
  (x) => `<svg><![CDATA[><image xlink:href="]]><img src=x onerror=${x}>]]></svg>`,
  (x) => `<!--<img src="--><img src=x onerror=${x}//">`,
  (x) => `<table><tr><td><svg><p><style><img src=x onerror=${x}>`,
  (x) => `<iframe><img title="</iframe><img src=x onerror=${x}>"></iframe>`,
  (x) => `<noembed><img title="</noembed><img src=x onerror=${x}>"></noembed>`,
  (x) =>
    `<select><template><style><!--</style><a rel="--></style></template></select><img src=x onerror=${x}>">`,
]);

/** Elements that load or navigate to other documents: frames, objects, forms, base, meta, link. */
const embeddings = family(XssFamily.embedding, [
  (x) => `<iframe srcdoc="<script>top.${x}</script>"></iframe>`,
  (x) => `<iframe srcdoc="&lt;img src=x onerror=top.${x}&gt;"></iframe>`,
  (x) => `<iframe src="javascript:top.${x}"></iframe>`,
  (x) => `<iframe src="data:text/html;base64,${base64(`<script>top.${x}</script>`)}"></iframe>`,
  (x) => `<object data="javascript:top.${x}"></object>`,
  (x) => `<object data="data:text/html;base64,${base64(`<script>top.${x}</script>`)}"></object>`,
  (x) => `<object type="text/html" data="data:text/html,<script>top.${x}</script>"></object>`,
  (x) => `<embed src="javascript:top.${x}">`,
  (x) =>
    `<embed type="image/svg+xml" src="data:image/svg+xml;base64,${base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="top.${x}"/>`)}">`,
  (x) => `<form action="javascript:${x}"><input type=submit value=go></form>`,
  (x) => `<form><button formaction="javascript:${x}">go</button></form>`,
  (x) => `<isindex action="javascript:${x}" type=image>`,
  (x) => `<base href="javascript:${x}//">`,
  (x) => `<meta http-equiv="refresh" content="0;url=javascript:${x}">`,
  (x) =>
    `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${base64(`<script>${x}</script>`)}">`,
  (x) => `<link rel=import href="data:text/html,<script>${x}</script>">`,
  (x) => `<link rel=stylesheet href="javascript:${x}">`,
  (x) => `<svg><a xlink:href="javascript:${x}"><text y=20>click</text></a></svg>`,
  (x) => `<math href="javascript:${x}">click</math>`,
  (x) => `<svg><a><set attributeName=href to="javascript:${x}"/><text y=20>click</text></a></svg>`,
  (x) => `<portal src="javascript:${x}"></portal>`,
  (x) => `<applet code="javascript:${x}"></applet>`,
  (x) => `<svg><use href="data:image/svg+xml;base64,${base64(`<svg id="x" onload="${x}"/>`)}#x"/></svg>`,
]);

/** CSS: style attributes and sheets with expression() and url(javascript:). */
const styles = family(XssFamily.css, [
  (x) => `<div style="background:url(javascript:${x})">styled</div>`,
  (x) => `<p style="width:expression(${x})">styled</p>`,
  (x) => `<style>@import 'javascript:${x}';</style>`,
  (x) => `<span style=x:expression(${x})>styled</span>`,
  (x) => `<div style="behavior:url(#default#time2)" onbegin="${x}">styled</div>`,
  (x) => `<link rel=stylesheet href="data:text/css,*{background:url(javascript:${x})}">`,
  (x) => `<style>*{x:expression(${x})}</style>`,
  (x) => `<style>@keyframes k{}</style><div style="animation-name:k" onanimationstart="${x}"></div>`,
  (x) => `<div style="background-image:url(&#106;avascript:${x})">styled</div>`,
  (x) => `<div style="transition:outline 1s" ontransitionend="${x}" tabindex=0 autofocus>styled</div>`,
]);

/** Markdown constructs: link and image destinations, titles, references, nesting, escapes. */
const markdown = family(XssFamily.markdown, [
  (x) => `![x](javascript:${x})`,
  (x) => `![x" onerror="${x}](https://example.com/a.png)`,
  (x) => `![<img src=x onerror=${x}>](https://example.com/a.png)`,
  (x) => `<javascript:${x}>`,
  (x) => `<JAVASCRIPT:${x}>`,
  (x) => `<vbscript:${x}>`,
  (x) => `[ref]\n\n[ref]: javascript:${x}`,
  (x) => `[text][r]\n\n[r]: <javascript:${x}> "title"`,
  (x) => `[r]: javascript:${x}\n\n![r]`,
  (x) => `[a](https://example.com/ "\\" onmouseover=\\"${x}")`,
  (x) => `[a](https://example.com/ 'x\\' onmouseover=\\'${x}')`,
  (x) => `[a](https://example.com/ (" onmouseover="${x}))`,
  (x) => `[[inner](javascript:${x})](https://example.com/)`,
  (x) => `[![img](javascript:${x})](https://example.com/)`,
  (x) => `[![img](https://example.com/a.png)](javascript:${x})`,
  (x) => `[a](javascript\\:${x})`,
  (x) => `\\[a\\](javascript:${x})`,
  (x) => `[<img src=x onerror="${x}">](https://example.com/)`,
  (x) => `[<script>${x}</script>](https://example.com/)`,
  (x) => `\`<script>${x}</script>\``,
  (x) => `\`\`\`html\n<script>${x}</script>\n\`\`\``,
  (x) => `    <img src=x onerror="${x}">`,
  (x) => `> <img src=x onerror="${x}">`,
  (x) => `- <img src=x onerror="${x}">\n- [x](javascript:${x})`,
  (x) => `**<img src=x onerror="${x}">**`,
  (x) => `# <script>${x}</script>`,
  (x) => `| a |\n|---|\n| <img src=x onerror="${x}"> |`,
  (x) => `www.example.com/<img src=x onerror=${x}>`,
  (x) => `https://example.com/?q=<script>${x}</script>`,
  (x) => `[a](mailto:someone@example.com?body=<script>${x}</script>)`,
  (x) => `<https://example.com/"onmouseover="${x}">`,
  (x) => `[x](javascript:${x} "title")`,
  (x) => `*[x](javascript:${x})*`,
  (x) => `~~[x](javascript:${x})~~`,
  (x) => `1. [x](javascript:${x})`,
  (x) => `[x](#" onclick="${x})`,
  (x) => `[x](https://example.com/)<img src=x onerror="${x}">`,
  (x) => `<a href="https://example.com/" onclick="${x}">x</a>`,
  (x) => `![x](data:image/svg+xml,<svg/onload=${x}>)`,
  (x) => `&lt;script&gt;${x}&lt;/script&gt;`,
  (x) => `&#60;img src=x onerror=${x}&#62;`,
  (x) => `&amp;lt;script&amp;gt;${x}&amp;lt;/script&amp;gt;`,
  (x) => `[&lt;img src=x onerror=${x}&gt;](https://example.com/)`,
  (x) => `[x](<https://example.com/> "<img src=x onerror=${x}>")`,
  (x) => `- [ ] <img src=x onerror="${x}">\n- [x] done`,
  (x) => `Setext <img src=x onerror="${x}">\n===`,
  (x) => `<div>\n\n[x](javascript:${x})\n\n</div>`,
  (x) => `[x]: https://example.com/ "title"\n[y]: javascript:${x}\n\n[x] and [y] and [y][]`,
  (x) => `foo\\\n<img src=x onerror="${x}">`,
  (x) => `[x](javascript:${x})<!-- [y](https://example.com/) -->`,
  (x) => `<details><summary>[x](javascript:${x})</summary></details>`,
  (x) => `[x](https://example.com/\\"onmouseover=\\"${x})`,
]);

/** Breaking out of the attribute, element or string the text might be placed in. */
const breakouts = family(XssFamily.breakout, [
  (x) => `"><img src=x onerror="${x}">`,
  (x) => `'><script>${x}</script>`,
  (x) => `" onmouseover="${x}" x="`,
  (x) => `' autofocus onfocus='${x}' x='`,
  (x) => `</span><img src=x onerror="${x}">`,
  (x) => `</div><script>${x}</script>`,
  (x) => `</p></div></article></li></ol><img src=x onerror="${x}">`,
  (x) => `</textarea><script>${x}</script>`,
  (x) => `</title><script>${x}</script>`,
  (x) => `</style><script>${x}</script>`,
  (x) => `\`;${x};//`,
  (x) => `--><img src=x onerror="${x}"><!--`,
  (x) => `]]><img src=x onerror="${x}">`,
  (x) => `[a](https://example.com/"><svg/onload=${x}>)`,
  (x) => `[a](https://example.com/'><svg/onload=${x}>)`,
  (x) => `\\";${x};//`,
  (x) => `</time><img src=x onerror="${x}">`,
  (x) => `" autofocus onfocus="${x}`,
]);

/** Text that looks like Lit's markers or other template languages' interpolation. */
const templates = family(XssFamily.template, [
  (x) => `<!--?lit$123456789$--><img src=x onerror="${x}">`,
  (x) => `<?lit$123456789$>${x}`,
  (x) => `<p lit$123456789$="${x}">lit</p>`,
  (x) => `{{constructor.constructor("${x}")()}}`,
  (x) => `\${${x}}`,
  (x) => `<template><script>${x}</script></template>`,
  (x) => `<template shadowrootmode="open"><img src=x onerror="${x}"></template>`,
  (x) => `{{7*7}}{{${x}}}`,
  (x) => `<%= ${x} %>`,
  (x) => `#{${x}}`,
  (x) => `<p onclick$lit$="${x}">lit</p>`,
  (x) => `<!--?lit$0$-->\${${x}}<!--/lit-part-->`,
  (x) => `[[${x}]]`,
  (x) => `<div v-html="'<img src=x onerror=${x}>'"></div>`,
  (x) => `{{'a'.constructor.prototype.charAt=[].join;$eval('x=1} } };${x}//');}}`,
]);

/** Unicode: look-alike brackets, direction overrides, invisible and control characters. */
const unicode = family(XssFamily.unicode, [
  (x) => `\uff1cscript\uff1e${x}\uff1c/script\uff1e`,
  (x) => `\ufe64script\ufe65${x}\ufe64/script\ufe65`,
  (x) => `\u202e<img src=x onerror="${x}">`,
  (x) => `[\u202egpj.exe](javascript:${x})`,
  (x) => `[x](\u202ejavascript:${x})`,
  (x) => `[x](java\u200bscript:${x})`,
  (x) => `[x](\ufeffjavascript:${x})`,
  (x) => `[x](\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54\uff1a${x})`,
  (x) => `\\u003cscript\\u003e${x}\\u003c/script\\u003e`,
  (x) => `%3Cscript%3E${x}%3C/script%3E`,
  (x) => `<scr\u0130pt>${x}</scr\u0130pt>`,
  (x) => `<\u017fcript>${x}</\u017fcript>`,
  (x) => `<img src=x onerror="${x}"\u2028>`,
  (x) => `[x](javascript\u2028:${x})`,
  (x) => `\u0000<script>${x}</script>`,
  (x) => `<scr\u0000ipt>${x}</scr\u0000ipt>`,
  (x) => `[x](\u3000javascript:${x})`,
  (x) => `<img src=x\u00a0onerror="${x}">`,
  (x) => `[x](javascript\ufe13${x})`,
]);

/** Very long and deeply nested input: the parser must neither crash nor fall back unsafely. */
const sizes = family(XssFamily.size, [
  (x) => `${'>'.repeat(2000)} <img src=x onerror="${x}">`,
  (x) => `${'['.repeat(2000)}x](javascript:${x})`,
  (x) => `${'[x]('.repeat(1000)}javascript:${x}${')'.repeat(1000)}`,
  (x) =>
    Array.from({ length: 60 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n') +
    `\n${'  '.repeat(60)}- <img src=x onerror="${x}"> [x](javascript:${x})`,
  (x) => `${'*'.repeat(2000)}<img src=x onerror="${x}">${'*'.repeat(2000)}`,
  (x) => `${'_'.repeat(2000)}[x](javascript:${x})${'_'.repeat(2000)}`,
  (x) => `${'`'.repeat(2000)}<script>${x}</script>${'`'.repeat(2000)}`,
  (x) => `${'<'.repeat(3000)}script>${x}</script>`,
  (x) => `[x](${'('.repeat(2000)}javascript:${x}${')'.repeat(2000)})`,
  (x) => `${'a'.repeat(9000)}<script>${x}</script>`,
  (x) => `[x](javascript:${x}) `.repeat(200),
  (x) => `${'> '.repeat(2000)}<img src=x onerror="${x}">`,
  (x) => `${'\\'.repeat(3000)}<img src=x onerror="${x}">`,
  (x) => `${'<a>'.repeat(2000)}<img src=x onerror="${x}">`,
  (x) => `${'- '.repeat(2000)}<img src=x onerror="${x}">`,
  (x) => `${'1. '.repeat(1500)}[x](javascript:${x})`,
  (x) => `${'<div>'.repeat(1500)}<img src=x onerror="${x}">`,
  (x) => `${'&#'.repeat(2000)}60;img src=x onerror="${x}">`,
  (x) => `${'![x]('.repeat(800)}javascript:${x}${')'.repeat(800)}`,
  (x) => `${'~~'.repeat(2000)}<img src=x onerror="${x}">`,
  (x) =>
    Array.from({ length: 1500 }, () => `<img src=x onerror="${x}">`)
      .join('\n')
      .slice(0, 9990),
]);

/** Polyglots: payloads built to run in many contexts at once. */
const polyglots = family(XssFamily.polyglot, [
  (x) =>
    `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${x} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${x}//>\\x3e`,
  (_, id) =>
    `'">><marquee><img src=x onerror=confirm('${id}')></marquee>"></plaintext\\></|\\><plaintext/onmouseover=prompt('${id}')><script>prompt('${id}')</script>@gmail.com<isindex formaction=javascript:alert('${id}') type=submit>'-->"></script><script>alert('${id}')</script>"><img/id="confirm&lpar;'${id}')"/alt="/"src="/"onerror=eval(id&%23x29;>'">`,
  (x) =>
    `javascript://'/</title></style></textarea></script>--><p" onclick=${x}//>*/${x}/*<details/open/ontoggle=${x}>`,
  (x) => `"><svg/onload=${x}>"@example.com`,
  (x) => `[x](javascript:${x})<img src=x onerror="${x}"><script>${x}</script>`,
  (x) => `[<a href="javascript&colon;${x}">x</a>](javascript&colon;${x})`,
  (x) =>
    `\`\`\`\n</code></pre><img src=x onerror="${x}">\n\`\`\`\n> [q](javascript:${x})\n\n<svg onload="${x}">`,
  (x) => `-->'"/></sCript><deTailS open x=">" ontoggle=${x}>`,
]);

/** The whole corpus, in family order. */
export const xssCorpus: readonly XssVector[] = [
  ...scriptTags,
  ...eventHandlers,
  ...urlSchemes,
  ...mutations,
  ...embeddings,
  ...styles,
  ...markdown,
  ...breakouts,
  ...templates,
  ...unicode,
  ...sizes,
  ...polyglots,
];

/** Whether the vector is a display name the protocol accepts (1–80 characters, one line). */
export function fitsAsAuthorName(vector: XssVector): boolean {
  return AuthorNameSchema.safeParse(vector.payload).success;
}

/** Whether the vector is a body the protocol accepts (1–10,000 characters, no control characters). */
export function fitsAsBody(vector: XssVector): boolean {
  return CommentBodySchema.safeParse(vector.payload).success;
}

/**
 * Every way the rendered `<hearth-comments>` host breaks the rules for user content, as
 * readable lines naming the comment (`data-id`); empty when all is well. The rules:
 * - inside `[part~=comment-body]` and the composer's `[part~=preview]`: only p, br, em, strong,
 *   del, code, pre, blockquote, ul, ol, li, a and hr, in the HTML namespace; attributes only
 *   href, target and rel on `a`, start on `ol`, tabindex="0" on `pre` (it scrolls), and
 *   class="plain" (the fallback before the parser loads) or class="preview-empty" on `p`;
 *   text and Lit's empty or `?lit$` marker comments only;
 * - every `a` there links to http:, https: or mailto: with target=_blank and
 *   rel="nofollow ugc noopener noreferrer";
 * - author names and "replying to" mentions hold text only;
 * - anywhere in the shadow root: no `on*`, src, srcdoc, action, formaction or xlink:href
 *   attribute, no element that runs or loads anything (script, img, iframe, svg, …), and no
 *   link to another scheme. (The composer's own template sets a style attribute.)
 *
 * It is self-contained, with no named inner functions, so an end-to-end test can hand it to
 * Playwright's `evaluate` (tsx wraps named inner functions in a helper the page lacks).
 */
export function findRenderingProblems(host: Element): string[] {
  const problems: string[] = [];
  const root = host.shadowRoot;
  if (!root) return ['the element has no shadow root'];
  const htmlNamespace = 'http://www.w3.org/1999/xhtml';
  // Inside the function: the end-to-end tests run it in the page (locator.evaluate), without
  // the module around it.
  const bodyTags = [
    'p',
    'br',
    'em',
    'strong',
    'del',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
  ];
  const bodyAttributes: Record<string, Record<string, string[] | null>> = {
    a: { href: null, target: null, rel: null },
    ol: { start: null },
    pre: { tabindex: ['0'] },
    p: { class: ['plain', 'preview-empty'] },
  };
  const linkProtocols = ['http:', 'https:', 'mailto:'];
  const linkRel = 'nofollow ugc noopener noreferrer';
  const riskyAttributes = ['src', 'srcdoc', 'action', 'formaction', 'xlink:href', 'srcset', 'data'];
  const riskyTags = [
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'portal',
    'img',
    'image',
    'picture',
    'svg',
    'math',
    'style',
    'link',
    'meta',
    'base',
    'video',
    'audio',
    'source',
    'track',
    'marquee',
    'template',
    'noscript',
    'xmp',
    'html',
    'head',
    'body',
    'isindex',
    'keygen',
    'details',
    'dialog',
    'slot',
  ];

  for (const body of root.querySelectorAll('[part~="comment-body"], [part~="preview"]')) {
    const owner = body.closest('[part~="comment"]')?.getAttribute('data-id');
    const where = owner
      ? `comment ${owner} body`
      : `preview ${body.closest('form')?.dataset.composer ?? '?'}`;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_ALL);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) continue;
      if (node.nodeType === Node.COMMENT_NODE) {
        const data = (node as Comment).data;
        if (data !== '' && !/^\?lit\$\d+\$$/.test(data))
          problems.push(`${where}: comment node <!--${data}-->`);
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) {
        problems.push(`${where}: node of type ${node.nodeType}`);
        continue;
      }
      const element = node as Element;
      const tag = element.localName;
      if (element.namespaceURI !== htmlNamespace || !bodyTags.includes(tag)) {
        problems.push(`${where}: <${tag}> in namespace ${element.namespaceURI}`);
      }
      for (const attribute of element.attributes) {
        const allowed = Object.hasOwn(bodyAttributes, tag) ? bodyAttributes[tag]! : {};
        const values = Object.hasOwn(allowed, attribute.name) ? allowed[attribute.name] : undefined;
        const isAllowed = values !== undefined && (values === null || values.includes(attribute.value));
        if (!isAllowed) problems.push(`${where}: <${tag} ${attribute.name}="${attribute.value}">`);
      }
      if (tag === 'a') {
        const href = element.getAttribute('href') ?? '';
        let protocol = '(unparsable)';
        try {
          protocol = new URL(href).protocol;
        } catch {
          // Reported below: a relative or broken href is as wrong as a foreign scheme.
        }
        if (!linkProtocols.includes(protocol)) problems.push(`${where}: <a href="${href}">`);
        if (element.getAttribute('rel') !== linkRel) {
          problems.push(`${where}: <a rel="${element.getAttribute('rel')}">`);
        }
        if (element.getAttribute('target') !== '_blank') {
          problems.push(`${where}: <a target="${element.getAttribute('target')}">`);
        }
      }
    }
  }

  for (const text of root.querySelectorAll('[part~="author"], .replying-to')) {
    const where = `comment ${text.closest('[part~="comment"]')?.getAttribute('data-id') ?? '?'}`;
    if (text.children.length > 0) {
      problems.push(`${where}: ${text.className || 'author'} holds <${text.children[0]!.localName}>`);
    }
  }

  for (const element of root.querySelectorAll('*')) {
    const tag = element.localName;
    if (riskyTags.includes(tag)) problems.push(`shadow root: <${tag}> element`);
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || riskyAttributes.includes(name)) {
        problems.push(`shadow root: <${tag} ${attribute.name}="${attribute.value}">`);
      }
    }
    if (tag === 'a' && element.hasAttribute('href')) {
      const href = element.getAttribute('href')!;
      let protocol = '(unparsable)';
      try {
        protocol = new URL(href).protocol;
      } catch {
        // Reported below.
      }
      // The same-page links: a comment's time, linking to `#comment-<its id>`, and the skip link
      // to the main composer's text field.
      const isPermalink =
        element.matches('[part~="permalink"]') &&
        href === `#comment-${element.closest('[part~="comment"]')?.getAttribute('data-id')}`;
      const isSkipLink = element.matches('[part~="skip-link"]') && href === '#main-body';
      if (!linkProtocols.includes(protocol) && !isPermalink && !isSkipLink)
        problems.push(`shadow root: <a href="${href}">`);
    }
  }
  return problems;
}
