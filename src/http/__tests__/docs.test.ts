import { renderDocs } from '../docs/render';
import { call, startTestServer } from '../__fixtures__/test-server';
import type { Json, TestServer } from '../__fixtures__/test-server';

describe('GET /docs', () => {
  let server: TestServer;
  let html: string;
  let doc: Json;
  let headers: Headers;
  beforeAll(async () => {
    server = await startTestServer();
    const res = await call(server, 'GET', '/docs');
    expect(res.status).toBe(200);
    html = res.text;
    headers = res.headers;
    doc = (await call(server, 'GET', '/openapi.json')).body;
  });
  afterAll(async () => server.close());

  it('is an HTML page with the title and the auth explanation', () => {
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>LienThong gateway API 9.8.7-test</title>');
    expect(html).toContain('<code>X-API-Key</code>');
    expect(html).toContain('<code>Authorization: Bearer &lt;key&gt;</code>');
  });

  it('lists every operation of the OpenAPI document with method, path, summary and responses', () => {
    for (const [path, item] of Object.entries(doc.paths) as Array<[string, Json]>) {
      for (const [method, op] of Object.entries(item) as Array<[string, Json]>) {
        const start = html.indexOf(
          `<span class="m ${method}">${method.toUpperCase()}</span><span class="path">${path}</span>`,
        );
        expect([method, path, start]).not.toEqual([method, path, -1]);
        const section = html.slice(start, html.indexOf('</section>', start));
        expect(section).toContain(op.summary.replace(/&/g, '&amp;'));
        for (const status of Object.keys(op.responses))
          expect(section).toContain(`<strong>${status}</strong>`);
      }
    }
  });

  it('shows parameters and request bodies', () => {
    const list = html.slice(html.indexOf('id="get-api-v1-dossiers"'));
    expect(list).toContain('<code>receivedFrom</code>');
    expect(list).toContain('<code>limit</code>');
    const transition = html.slice(html.indexOf('id="post-api-v1-dossiers-code-transitions"'));
    expect(transition).toContain('<h4>Request body</h4>');
    expect(transition).toContain('<a href="#schema-transitionrequest">TransitionRequest</a>');
    expect(html).toContain('id="schema-transitionrequest"');
  });

  it('is self-contained: no scripts, no external assets, a strict CSP', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(headers.get('content-security-policy')).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/,
    );
  });

  it('escapes every text taken from the document', () => {
    const hostile = renderDocs({
      openapi: '3.1.0',
      info: { title: '<script>alert(1)</script>', version: '"><img src=x>', description: "it's <b>" },
      paths: {
        '/x/<evil-path>': {
          get: {
            summary: '<evil-summary>',
            parameters: [
              {
                name: '<evil-name>',
                in: 'query',
                description: '<evil-pdesc>',
                schema: { enum: ['<evil-enum>'] },
              },
            ],
            responses: { '200': { description: '<evil-resp>' } },
          },
        },
      },
      components: {
        schemas: {
          '<evil-schema>': {
            description: '<evil-sdesc>',
            properties: { '<evil-key>': { type: '<evil-type>' } },
          },
        },
      },
    });
    expect(hostile).not.toMatch(/<(script|img|evil|b>)/);
    expect(hostile.match(/&lt;evil-/g)?.length).toBeGreaterThanOrEqual(9);
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hostile).toContain('&quot;&gt;&lt;img src=x&gt;');
    expect(hostile).toContain('it&#39;s &lt;b&gt;');
  });
});
