/**
 * The YAML stage: MC1001 yaml-syntax and MC1002 duplicate-key, multi-document files, empty
 * input, anchors and aliases.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../src/compile.js';
import { compileText, diagnose } from '../helpers/diagnose.js';

/** A complete valid mesh in four lines. */
const VALID = `
  apiVersion: meshc/v1
  mesh: { name: shop, trustDomain: shop.example, mtls: off }
  services:
    web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
`;

describe('valid YAML', () => {
  test('block and flow styles, comments, directives and document markers', () => {
    assert.deepEqual(
      diagnose(`
        %YAML 1.2
        --- # the shop
        apiVersion: meshc/v1
        mesh:
          name: shop            # identity
          trustDomain: "shop.example"
          mtls: 'off'
        services:
          web:
            protocol: http
            port: 8080
            versions:
              v1:
                endpoints:
                  - 10.0.0.1
        ...
      `),
      [],
    );
  });

  test('CRLF line endings keep positions right', () => {
    assert.deepEqual(diagnose('apiVersion: meshc/v1\r\nmesh: { name: Shop, trustDomain: shop.example, mtls: off }\r\n'), ['invalid-name@mesh.yaml:2:15']);
  });
});

describe('MC1001 yaml-syntax', () => {
  test('a key out of line with its siblings', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        services:
          web:
            protocol: http
           port: 8080
      `),
      ['yaml-syntax@mesh.yaml:5:1'],
    );
  });

  test('a tab used for indentation', () => {
    assert.deepEqual(diagnose('apiVersion: meshc/v1\nmesh:\n\tname: shop\n'), ['yaml-syntax@mesh.yaml:3:1']);
  });

  test('a key without its colon', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        services:
          web
            protocol: http
      `),
      ['yaml-syntax@mesh.yaml:3:3'],
    );
  });

  test('an unclosed quote or flow sequence is reported where the file ends', () => {
    assert.deepEqual(diagnose(`apiVersion: meshc/v1\nmesh:\n  name: "shop\n`), ['yaml-syntax@mesh.yaml:4:1']);
    assert.deepEqual(diagnose(`apiVersion: meshc/v1\nservices: [\n`), ['yaml-syntax@mesh.yaml:3:1']);
  });

  test('nothing else in a broken document is checked', () => {
    assert.deepEqual(diagnose('apiVersion: meshc/v2\nmesh:\n\tname: Shop\ntimout: 1s\n'), ['yaml-syntax@mesh.yaml:3:1']);
  });

  test('the other documents of the file and the other files are still checked against the schema', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: of }
        ---
        apiVersion: meshc/v1
        services: [
      `),
      ['invalid-value@mesh.yaml:2:54', 'yaml-syntax@mesh.yaml:6:1'],
    );
    assert.deepEqual(
      diagnose({
        'a.yaml': 'apiVersion: meshc/v1\nmesh:\n\tname: shop\n',
        'b.yaml': `
          apiVersion: meshc/v1
          services:
            web: { protocol: http, port: 0, versions: { v1: { endpoints: [10.0.0.1] } } }
        `,
      }),
      ['yaml-syntax@a.yaml:3:1', 'out-of-range@b.yaml:3:32'],
    );
  });

  test('semantic rules do not run while any file is broken', () => {
    assert.deepEqual(
      diagnose({
        'a.yaml': 'apiVersion: meshc/v1\nmesh:\n\tname: shop\n',
        'b.yaml': `
          apiVersion: meshc/v1
          services:
            web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [payments] }
        `,
      }),
      ['yaml-syntax@a.yaml:3:1'],
    );
  });
});

describe('MC1002 duplicate-key', () => {
  test('reported at the second key, in block and flow mappings', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh: { name: shop, name: store, trustDomain: shop.example, mtls: off }
        services:
          web:
            protocol: http
            port: 8080
            port: 8081
            versions: { v1: { endpoints: [10.0.0.1] } }
      `),
      ['duplicate-key@mesh.yaml:2:21', 'duplicate-key@mesh.yaml:7:5'],
    );
  });

  test('the same key in different mappings is fine', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
        services:
          web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, routes: [{ name: web, to: v1 }] }
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } }, routes: [{ name: web, to: v1 }] }
      `),
      [],
    );
  });

  test('the hint says to merge', () => {
    const [d] = compileText(`apiVersion: meshc/v1\napiVersion: meshc/v1\n`).diagnostics;
    assert.equal(d?.name, 'duplicate-key');
    assert.match(d?.hint ?? '', /merge/);
  });
});

describe('multi-document files', () => {
  test('a mesh split over documents compiles; positions are lines of the file', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
        ---
        apiVersion: meshc/v1
        services:
          web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, calls: [cart] }
        ---
        apiVersion: meshc/v1
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } }, calls: [web, shop] }
      `),
      ['unknown-service@mesh.yaml:10:97'],
    );
  });

  test('an empty file next to others is ignored', () => {
    assert.deepEqual(diagnose({ 'mesh.yaml': VALID, 'empty.yaml': '' }), []);
    assert.deepEqual(diagnose({ 'mesh.yaml': VALID, 'notes.yaml': '# nothing yet\n' }), []);
  });

  test('input without any document is reported, not an internal error', () => {
    for (const text of ['', '# nothing here\n']) {
      assert.deepEqual(
        compileText(text).diagnostics.map((d) => d.name),
        ['missing-mesh'],
      );
    }
  });

  test('an empty document after a trailing --- is ignored', () => {
    assert.deepEqual(diagnose(`${VALID}---\n`), []);
  });
});

describe('anchors and aliases', () => {
  test('aliases are expanded before the schema and the rules see the mesh', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
        services:
          web:
            protocol: http
            port: 8080
            versions: { v1: { endpoints: [10.0.0.1] } }
            retries: &retries { attempts: 2, perTryTimeout: 250ms, on: [reset, 5xx] }
          cart:
            protocol: http
            port: 7070
            versions: { v1: { endpoints: [10.0.0.2] } }
            retries: *retries
      `),
      [],
    );
  });

  test('a merge key (<<) is not YAML 1.2: it is an unknown field', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
        services:
          web:
            protocol: http
            port: 8080
            versions: { v1: { endpoints: [10.0.0.1] } }
            retries: &retries { attempts: 2, perTryTimeout: 250ms }
          cart:
            protocol: http
            port: 7070
            versions: { v1: { endpoints: [10.0.0.2] } }
            retries:
              <<: *retries
              attempts: 3
      `),
      ['unknown-field@mesh.yaml:14:7'],
    );
  });

  test('a %YAML 1.1 document reads off as false', () => {
    assert.deepEqual(diagnose(`%YAML 1.1\n---\n${VALID.trim().replace(/^ +/gm, (s) => s.slice(2))}\n`), ['invalid-value@mesh.yaml:4:54']);
  });

  test('too many alias expansions are refused at the start of the document', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
      `),
      ['yaml-syntax@mesh.yaml:1:1'],
    );
  });

  test('an alias to an unknown anchor is reported at the alias', () => {
    assert.deepEqual(
      diagnose(`
          apiVersion: meshc/v1
          mesh: { name: shop, trustDomain: shop.example, mtls: off }
          services:
            web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } }, retries: *retries }
        `),
      ['yaml-syntax@mesh.yaml:4:92'],
    );
  });

  test('a value reached through an alias is reported at the alias, not at the anchor', () => {
    assert.deepEqual(
      diagnose(`
          apiVersion: meshc/v1
          mesh: { name: shop, trustDomain: shop.example, mtls: off }
          services:
            web:
              protocol: http
              port: &port "8080"
              versions: { v1: { endpoints: [10.0.0.1] } }
            cart:
              protocol: http
              port: *port
              versions: { v1: { endpoints: [10.0.0.2] } }
        `),
      ['wrong-type@mesh.yaml:6:17', 'wrong-type@mesh.yaml:10:11'],
    );
    assert.deepEqual(
      diagnose(`
          apiVersion: meshc/v1
          mesh: { name: shop, trustDomain: shop.example, mtls: off }
          services:
            web:
              protocol: http
              port: 8080
              versions: { v1: { endpoints: [10.0.0.1] } }
              routes: &routes [{ to: v1 }]
            cart:
              protocol: http
              port: 7070
              versions: { stable: { endpoints: [10.0.0.2] } }
              routes: *routes
        `),
      ['unknown-version@mesh.yaml:13:13'],
    );
  });
});

describe('line breaks', () => {
  const WRONG_PROTOCOL = [
    'apiVersion: meshc/v1',
    'mesh: { name: shop, trustDomain: shop.example, mtls: off }',
    'services:',
    '  web:',
    '    protocol: htttp',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    '',
  ];

  test('a library caller passing bare-CR text gets the lines an editor shows', () => {
    const d = compile([{ name: 'mesh.yaml', text: WRONG_PROTOCOL.join('\r') }]).diagnostics.find((x) => x.code === 'MC1013');
    assert.deepEqual(d?.location, { file: 'mesh.yaml', line: 5, column: 15, endLine: 5, endColumn: 20 });
  });

  test('with CR LF, a span on a block mapping ends before the CR', () => {
    const lines = [...WRONG_PROTOCOL.slice(0, 6), '    versions:', '      v1:', '        endpoints:', '          - value: 10.0.0.10', ''];
    const d = compile([{ name: 'mesh.yaml', text: lines.join('\r\n') }]).diagnostics.find((x) => x.code === 'MC1012');
    // `          - value: 10.0.0.10` is 28 characters; the span covers 13..28 and ends at column 29.
    assert.deepEqual(d?.location, { file: 'mesh.yaml', line: 10, column: 13, endLine: 10, endColumn: 29 });
  });
});

test('a value missing on the last line of a file without a final newline is reported where it is missing, not past the end', () => {
  const text = [
    'apiVersion: meshc/v1',
    'mesh: { name: shop, trustDomain: shop.example, mtls: off }',
    'services:',
    '  web:',
    '    protocol: http',
    '    port: 8080',
    '    versions: { v1: { endpoints: [10.0.0.1] } }',
    '    calls:',
  ].join('\n');
  const d = compile([{ name: 'mesh.yaml', text }]).diagnostics.find((x) => x.code === 'MC1011');
  // `    calls:` is 10 characters: column 11 is the end of the file, and the span is empty there.
  assert.deepEqual(d?.location, { file: 'mesh.yaml', line: 8, column: 11, endLine: 8, endColumn: 11 });
});

test('positions after a multi-line token the parser gives up on stay on their lines', () => {
  // The yaml lexer does not count the line break inside the broken `this is\n\t  p` token.
  const text = '- x: 0\n\ty:\n\t  z: |\n\t    this is\n\t  p: /dev\n';
  const dev = compile([{ name: 'mesh.yaml', text }]).diagnostics.find((d) => d.message.includes('"/dev"'));
  assert.deepEqual(dev?.location, { file: 'mesh.yaml', line: 5, column: 7, endLine: 5, endColumn: 11 });
});

test('the same YAML error on fifty lines is shown three times, the third counting the rest', () => {
  const text = `a:\n${Array.from({ length: 50 }, (_, i) => `\tk${i}: 1`).join('\n')}\n`;
  const found = compile([{ name: 'mesh.yaml', text }]).diagnostics.map((d) => `${d.code}@${d.location?.line}:${d.location?.column} ${d.message}`);
  assert.deepEqual(found, [
    'MC1001@2:1 Tabs are not allowed as indentation',
    'MC1001@3:1 Tabs are not allowed as indentation',
    'MC1001@4:1 Tabs are not allowed as indentation (and 47 more like this in the file)',
  ]);
});

test('flow collections nested past 500 levels are refused before the YAML parser sees them', () => {
  // The yaml lexer aborts the process (out of memory compiling a RegExp) at about 1,500 levels.
  const text = `apiVersion: meshc/v1\nmesh: ${'['.repeat(100000)}\n`;
  const found = compile([{ name: 'mesh.yaml', text }]).diagnostics.map((d) => `${d.code}@${d.location?.line}:${d.location?.column}`);
  assert.deepEqual(found, [`MC1001@2:${7 + 500}`]);
});

test('brackets inside quotes and comments do not count as nesting', () => {
  const text = `${VALID}\n# ${'['.repeat(600)}\nx: "${'['.repeat(600)}"\n`;
  assert.ok(!compile([{ name: 'mesh.yaml', text }]).diagnostics.some((d) => d.message.includes('nested more than')));
});
