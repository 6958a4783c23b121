import { WEB_LINK_FORM } from '@perf/core';
import { html, type Html } from '../html.ts';

/** Without a session: how to get a sign-in link (there are no passwords). */
export function signInHelp(): Html {
  return html`<p>Il cruscotto non usa password: si entra con un link personale, valido 15 minuti e una sola volta.</p>
<ul><li>in chat (Slack, Discord, Teams): <code>/perf dashboard</code></li><li>dalla riga di comando: <code>${WEB_LINK_FORM}</code></li></ul>
<p>Dopo l’accesso la sessione dura 8 ore.</p>`;
}

/** The link's landing page: a button that posts the token (a link preview that only GETs consumes nothing). */
export function confirmSignIn(token: string): Html {
  return html`<p>Stai per entrare nel cruscotto della performance con il tuo link personale.</p>
<form method="post" action="/accesso"><input type="hidden" name="t" value="${token}"><button type="submit">Entra nel cruscotto</button></form>`;
}
