/** One API the reference page shows: its name and where its service answers. */
export interface DocumentedApi {
  name: string;
  baseUrl: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The API reference page: one Swagger UI per service, each loading the service's own
 * `GET /openapi.json` and pointed at the service's actual address (ports can be overridden), and
 * one token field that authorizes "Try it out" on all of them.
 */
export const docsPage = (apis: DocumentedApi[]): string => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>eshop API reference</title>
  <link rel="stylesheet" href="/swagger-ui/swagger-ui.css">
  <style>
    body { margin: 0; font-family: sans-serif; }
    header { padding: 1rem 2rem; background: #1b1b1b; color: #fafafa; }
    header code { background: #333; padding: 0 .3rem; }
    header input { width: 60%; font-family: monospace; }
    nav a { color: #9cf; margin-right: 1rem; }
    section > h2 { margin: 1.5rem 2rem 0; }
  </style>
</head>
<body>
  <header>
    <h1>eshop API reference</h1>
    <p>Each service's OpenAPI document is served by the service itself at <code>GET /openapi.json</code>.
      Catalog reads are public; everything else needs a bearer token. Run
      <code>pnpm -s token swn</code> (a shopper) or <code>pnpm -s token boss --admin</code> (catalog writes, admin lists),
      paste its output below and "Try it out" sends it to every service.</p>
    <label>Bearer token: <input id="token" placeholder="eyJ..." autocomplete="off"></label>
    <button id="authorize" type="button">Use for all services</button>
    <nav>${apis.map(({ name }) => `<a href="#${escapeHtml(name)}">${escapeHtml(name)}</a>`).join('')}</nav>
  </header>
  ${apis
    .map(
      ({ name, baseUrl }) =>
        `<section id="${escapeHtml(name)}"><h2>${escapeHtml(name)} <small>${escapeHtml(baseUrl)}</small></h2><div id="ui-${escapeHtml(name)}"></div></section>`,
    )
    .join('\n  ')}
  <script src="/swagger-ui/swagger-ui-bundle.js"></script>
  <script>
    const apis = ${JSON.stringify(apis).replaceAll('<', '\\u003c')};
    const uis = [];
    for (const { name, baseUrl } of apis) {
      fetch(baseUrl + '/openapi.json')
        .then((response) => response.json())
        .then((spec) => {
          spec.servers = [{ url: baseUrl, description: 'pnpm dev' }];
          uis.push(SwaggerUIBundle({ spec, dom_id: '#ui-' + name, deepLinking: false, persistAuthorization: true }));
        })
        .catch((error) => {
          document.getElementById('ui-' + name).textContent = 'Could not load ' + baseUrl + '/openapi.json: ' + error;
        });
    }
    document.getElementById('authorize').addEventListener('click', () => {
      const token = document.getElementById('token').value.trim();
      for (const ui of uis) ui.preauthorizeApiKey('bearerAuth', token);
    });
  </script>
</body>
</html>
`;
