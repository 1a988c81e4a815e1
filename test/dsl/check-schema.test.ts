/**
 * Every MC1xxx schema diagnostic: which code a zod issue becomes and where it points.
 * Cases use `check` (mesh.yaml next to a base.yaml carrying the `mesh` block) unless the
 * mesh block itself is the point.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileText, diagnose } from '../helpers/diagnose.js';
import { check, compileWithBase } from '../validate/helpers.js';

/** Service `web` with `fields` from line 4 at column 5 (protocol, port and versions are added unless given). */
const web = (...fields: string[]) => {
  const has = (key: string) => fields.some((f) => f.startsWith(`${key}:`));
  return [
    'apiVersion: meshc/v1',
    'services:',
    '  web:',
    ...fields.map((f) => `    ${f}`),
    ...(has('protocol') ? [] : ['    protocol: http']),
    ...(has('port') ? [] : ['    port: 8080']),
    ...(has('versions') ? [] : ['    versions: { v1: { endpoints: [10.0.0.1] } }']),
  ].join('\n');
};

const hintOf = (yaml: string, index = 0) => compileWithBase(yaml).diagnostics[index]?.hint ?? '';

describe('MC1003 unsupported-api-version', () => {
  test('meshc/v1 is accepted', () => {
    assert.deepEqual(check(web()), []);
  });

  test('a missing apiVersion is reported at the start of the document', () => {
    assert.deepEqual(
      diagnose(`
        mesh: { name: shop, trustDomain: shop.example, mtls: off }
        services: {}
      `),
      ['unsupported-api-version@mesh.yaml:1:1'],
    );
  });

  test('a wrong apiVersion is reported at its value, with the right one as hint', () => {
    assert.deepEqual(check(`apiVersion: meshc/v2`), ['unsupported-api-version@mesh.yaml:1:13']);
    assert.match(hintOf(`apiVersion: meshc/v2`), /meshc\/v1/);
    assert.deepEqual(check(`apiVersion: 1`), ['unsupported-api-version@mesh.yaml:1:13']);
    assert.deepEqual(check(`apiVersion: v1`), ['unsupported-api-version@mesh.yaml:1:13']);
  });

  test('an empty apiVersion points just after the key', () => {
    assert.deepEqual(check(`apiVersion:`), ['unsupported-api-version@mesh.yaml:1:12']);
  });

  test('each document of a file needs its own apiVersion', () => {
    assert.deepEqual(
      check(`
        apiVersion: meshc/v1
        services:
          web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
        ---
        services:
          cart: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
      `),
      ['unsupported-api-version@mesh.yaml:5:1'],
    );
  });
});

describe('MC1010 unknown-field', () => {
  test('a misspelt field is reported at the key, the hint naming the field meant', () => {
    assert.deepEqual(check(web('timout: 1s')), ['unknown-field@mesh.yaml:4:5']);
    assert.match(hintOf(web('timout: 1s')), /"timeout"/);
  });

  test('a field with no close match: the hint lists the known fields', () => {
    assert.deepEqual(check(web('owner: team-a')), ['unknown-field@mesh.yaml:4:5']);
    const hint = hintOf(web('owner: team-a'));
    assert.match(hint, /protocol/);
    assert.match(hint, /healthCheck/);
  });

  test('every unknown field of an object is reported', () => {
    const yaml = `
      apiVersion: meshc/v1
      mesh: { name: shop, trustDomain: shop.example, mtls: off, tls: on, sidecars: {} }
    `;
    assert.deepEqual(diagnose(yaml), ['unknown-field@mesh.yaml:2:59', 'unknown-field@mesh.yaml:2:68']);
    const hints = compileText(yaml).diagnostics.map((d) => d.hint);
    assert.match(hints[0] ?? '', /"mtls"/);
    assert.match(hints[1] ?? '', /"sidecar"/);
  });

  test('at the top level of a document', () => {
    assert.deepEqual(check(`apiVersion: meshc/v1\nservice: {}`), ['unknown-field@mesh.yaml:2:1']);
    assert.match(hintOf(`apiVersion: meshc/v1\nservice: {}`), /"services"/);
  });

  test('deep inside routes, retries and matches', () => {
    const yaml = web('retries: { atempts: 2, perTryTimeout: 1s }', 'routes:', '  - match: { paths: { prefix: /api } }', '    to: v1', '  - to: v1', '    mirorr: { to: v1 }');
    assert.deepEqual(check(yaml), ['unknown-field@mesh.yaml:4:16', 'unknown-field@mesh.yaml:6:18', 'unknown-field@mesh.yaml:9:9']);
    assert.deepEqual(
      compileWithBase(yaml).diagnostics.map((d) => /"(\w+)"/.exec(d.hint ?? '')?.[1]),
      ['attempts', 'path', 'mirror'],
    );
  });

  test('in a header matcher written as an object', () => {
    assert.deepEqual(check(web('routes: [{ match: { headers: { x-env: { exct: prod } } }, to: v1 }, { to: v1 }]')), ['unknown-field@mesh.yaml:4:45']);
    assert.match(hintOf(web('routes: [{ match: { headers: { x-env: { exct: prod } } }, to: v1 }, { to: v1 }]')), /"exact"/);
  });
});

describe('MC1011 wrong-type', () => {
  test('a quoted number is a string', () => {
    assert.deepEqual(check(web('port: "8080"')), ['wrong-type@mesh.yaml:4:11']);
  });

  test('an empty value is null, reported just after the key', () => {
    assert.deepEqual(check(web('port:')), ['wrong-type@mesh.yaml:4:10']);
    assert.deepEqual(check(web('versions:', '  v1:')), ['wrong-type@mesh.yaml:5:10']);
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh:
        services:
      `),
      ['wrong-type@mesh.yaml:2:6', 'wrong-type@mesh.yaml:3:10'],
    );
  });

  test('a list where a mapping is expected is reported at the key', () => {
    assert.deepEqual(check(web('versions: [v1]')), ['wrong-type@mesh.yaml:4:5']);
    assert.deepEqual(
      check(`
        apiVersion: meshc/v1
        services:
          - web:
              protocol: http
      `),
      ['wrong-type@mesh.yaml:2:1'],
    );
  });

  test('a scalar where a list is expected is reported at the value', () => {
    assert.deepEqual(check(web('calls: cart')), ['wrong-type@mesh.yaml:4:12']);
  });

  test('a document that is not a mapping', () => {
    assert.deepEqual(check(`- apiVersion: meshc/v1`), ['wrong-type@mesh.yaml:1:1']);
    assert.deepEqual(check(`meshc/v1`), ['wrong-type@mesh.yaml:1:1']);
  });

  test('a number that is not finite is out of range (too large to be a number), not of the wrong type', () => {
    assert.deepEqual(check(web('routes: [{ split: { v1: .inf } }]')), ['out-of-range@mesh.yaml:4:29']);
  });

  test('a union gets one diagnostic naming both shapes', () => {
    assert.deepEqual(check(web('versions: { v1: { endpoints: [8080] } }')), ['wrong-type@mesh.yaml:4:35']);
    assert.deepEqual(check(web('calls: [5]')), ['wrong-type@mesh.yaml:4:13']);
    assert.deepEqual(check(web('routes: [{ match: { headers: { x-env: 5 } }, to: v1 }, { to: v1 }]')), ['wrong-type@mesh.yaml:4:43']);
  });
});

describe('MC1012 missing-field', () => {
  test('a field missing from a service is reported at the service key', () => {
    assert.deepEqual(
      check(`
        apiVersion: meshc/v1
        services:
          web:
            protocol: http
            versions: { v1: { endpoints: [10.0.0.1] } }
      `),
      ['missing-field@mesh.yaml:3:3'],
    );
  });

  test('a field missing from the mesh block is reported at the mesh key', () => {
    assert.deepEqual(
      diagnose(`
        apiVersion: meshc/v1
        mesh:
          trustDomain: shop.example
          mtls: off
      `),
      ['missing-field@mesh.yaml:2:1'],
    );
  });

  test('nested objects: at the key of the object missing the field', () => {
    assert.deepEqual(check(web('retries:', '  perTryTimeout: 1s', '  backoff: { max: 1s }', 'fault:', '  delay: { percent: 5 }', 'mirror: {}')), [
      'missing-field@mesh.yaml:6:7',
      'missing-field@mesh.yaml:8:7',
      'missing-field@mesh.yaml:9:5',
    ]);
  });

  test('a call written as an object without localPort is reported at the call', () => {
    assert.deepEqual(check(web('calls: [{ service: web }]')), ['missing-field@mesh.yaml:4:13']);
  });

  test('an object of a union with a misspelt field: the missing field and the typo', () => {
    assert.deepEqual(check(web('calls: [{ service: web, localport: 17070 }]')), ['missing-field@mesh.yaml:4:13', 'unknown-field@mesh.yaml:4:29']);
    assert.match(hintOf(web('calls: [{ service: web, localport: 17070 }]'), 1), /"localPort"/);
    assert.deepEqual(check(web('versions:', '  v1:', '    endpoints:', '      - { adress: 10.0.0.1 }')), ['missing-field@mesh.yaml:7:13', 'unknown-field@mesh.yaml:7:15']);
  });

  test('a missing protocol is a missing field', () => {
    assert.deepEqual(
      check(`
          apiVersion: meshc/v1
          services:
            web:
              port: 8080
              versions: { v1: { endpoints: [10.0.0.1] } }
        `),
      ['missing-field@mesh.yaml:3:3'],
    );
    assert.deepEqual(check(web('loadBalancer: { hashOn: { sourceIp: true } }')), ['missing-field@mesh.yaml:4:5']);
  });
});

describe('MC1013 invalid-value', () => {
  test('an unknown protocol is reported at the value, the hint naming the closest', () => {
    assert.deepEqual(check(web('protocol: htpp')), ['invalid-value@mesh.yaml:4:15']);
    assert.match(hintOf(web('protocol: htpp')), /"http"/);
  });

  test('mtls, retry conditions, health check types and methods in a list', () => {
    assert.deepEqual(diagnose(`apiVersion: meshc/v1\nmesh: { name: shop, trustDomain: shop.example, mtls: on }`), ['invalid-value@mesh.yaml:2:54']);
    assert.deepEqual(check(web('retries: { perTryTimeout: 1s, on: [5xx, gateway-eror] }')), ['invalid-value@mesh.yaml:4:45']);
    assert.match(hintOf(web('retries: { perTryTimeout: 1s, on: [5xx, gateway-eror] }')), /"gateway-error"/);
    assert.deepEqual(check(web('healthCheck: { type: https }')), ['invalid-value@mesh.yaml:4:26']);
    assert.deepEqual(check(web('routes: [{ match: { method: [GET, PUTT] }, to: v1 }, { to: v1 }]')), ['invalid-value@mesh.yaml:4:39']);
    assert.match(hintOf(web('routes: [{ match: { method: [GET, PUTT] }, to: v1 }, { to: v1 }]')), /"PUT"/);
  });

  test('a value far from every allowed one has no hint', () => {
    assert.deepEqual(check(web('protocol: websocket')), ['invalid-value@mesh.yaml:4:15']);
    assert.equal(hintOf(web('protocol: websocket')), '');
  });

  test('a literal: sourceIp takes only true', () => {
    assert.deepEqual(check(web('loadBalancer: { policy: ring-hash, hashOn: { sourceIp: false } }')), ['invalid-value@mesh.yaml:4:60']);
  });

  test('the object form of a load balancer with a misspelt policy', () => {
    assert.deepEqual(check(web('loadBalancer: { policy: maglv, hashOn: { sourceIp: true } }')), ['invalid-value@mesh.yaml:4:29']);
    assert.match(hintOf(web('loadBalancer: { policy: maglv, hashOn: { sourceIp: true } }')), /"maglev"/);
  });

  test('a misspelt word where a word or an object is allowed is an invalid value with a hint', () => {
    assert.deepEqual(check(web('loadBalancer: round-robbin')), ['invalid-value@mesh.yaml:4:19']);
    assert.match(hintOf(web('loadBalancer: round-robbin')), /"round-robin"/);
    assert.deepEqual(check(web('routes: [{ match: { method: get }, to: v1 }, { to: v1 }]')), ['invalid-value@mesh.yaml:4:33']);
    assert.match(hintOf(web('routes: [{ match: { method: get }, to: v1 }, { to: v1 }]')), /"GET"/);
  });
});

describe('MC1014 invalid-duration', () => {
  test('durations with units are fine', () => {
    assert.deepEqual(check(web('timeout: 1m30s', 'idleTimeout: 1.5h', 'connectTimeout: 250ms')), []);
  });

  test('a missing or unknown unit, a sign, a space', () => {
    for (const value of ['"1.5"', '5sec', '-1s', '1s 500ms', '1S', '""']) {
      assert.deepEqual(check(web(`timeout: ${value}`)), ['invalid-duration@mesh.yaml:4:14'], value);
    }
    assert.match(hintOf(web('timeout: 5sec')), /ms/);
  });

  test('in nested durations', () => {
    assert.deepEqual(check(web('retries: { perTryTimeout: 1sec, backoff: { base: 25 ms } }', 'healthCheck: { interval: ten }')), [
      'invalid-duration@mesh.yaml:4:31',
      'invalid-duration@mesh.yaml:4:54',
      'invalid-duration@mesh.yaml:5:30',
    ]);
  });

  test('a bare number is an invalid duration, with the hint to add a unit', () => {
    assert.deepEqual(check(web('timeout: 5')), ['invalid-duration@mesh.yaml:4:14']);
  });
});

describe('MC1015 invalid-name', () => {
  test('mesh name, service key, version key, route name and callee, in lowercase DNS labels, are fine', () => {
    assert.deepEqual(
      check(web('versions: { v1: { endpoints: [10.0.0.1] }, 2024-06: { endpoints: [10.0.0.2] } }', 'routes: [{ name: by-date-2, split: { v1: 50, 2024-06: 50 } }]')),
      [],
    );
  });

  test('an uppercase mesh name: the hint gives it in lowercase', () => {
    const yaml = `apiVersion: meshc/v1\nmesh: { name: Shop, trustDomain: shop.example, mtls: off }`;
    assert.deepEqual(diagnose(yaml), ['invalid-name@mesh.yaml:2:15']);
    assert.match(compileText(yaml).diagnostics[0]?.hint ?? '', /"shop"/);
  });

  test('a mesh name starting with a digit, or too long', () => {
    assert.deepEqual(diagnose(`apiVersion: meshc/v1\nmesh: { name: 1shop, trustDomain: shop.example, mtls: off }`), ['invalid-name@mesh.yaml:2:15']);
    assert.deepEqual(diagnose(`apiVersion: meshc/v1\nmesh: { name: ${'a'.repeat(64)}, trustDomain: shop.example, mtls: off }`), ['invalid-name@mesh.yaml:2:15']);
  });

  test('a service key is reported at the key', () => {
    const yaml = `
      apiVersion: meshc/v1
      services:
        Web: { protocol: http, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
        cart_v2: { protocol: http, port: 7070, versions: { v1: { endpoints: [10.0.0.2] } } }
    `;
    assert.deepEqual(check(yaml), ['invalid-name@mesh.yaml:3:3', 'invalid-name@mesh.yaml:4:3']);
    assert.match(hintOf(yaml), /"web"/);
  });

  test('a version key is reported at the key', () => {
    assert.deepEqual(check(web('versions:', '  V1: { endpoints: [10.0.0.1] }', '  v_2: { endpoints: [10.0.0.2] }')), ['invalid-name@mesh.yaml:5:7', 'invalid-name@mesh.yaml:6:7']);
  });

  test('a route name, a split key and a callee', () => {
    assert.deepEqual(check(web('routes: [{ name: Default, split: { V1: 100 } }]', 'calls: [Cart]')), [
      'invalid-name@mesh.yaml:4:22',
      'invalid-name@mesh.yaml:4:40',
      'invalid-name@mesh.yaml:5:13',
    ]);
  });
});

describe('MC1016 invalid-format', () => {
  test('a path that does not start with /', () => {
    assert.deepEqual(check(web('routes: [{ match: { path: { prefix: api } }, to: v1 }, { to: v1 }]')), ['invalid-format@mesh.yaml:4:41']);
    assert.deepEqual(check(web('healthCheck: { path: healthz }')), ['invalid-format@mesh.yaml:4:26']);
  });

  test('a header name that is not an HTTP token is reported at the name', () => {
    assert.deepEqual(check(web('routes: [{ match: { headers: { "x user": "1" } }, to: v1 }, { to: v1 }]')), ['invalid-format@mesh.yaml:4:36']);
    assert.deepEqual(check(web('loadBalancer: { policy: ring-hash, hashOn: { header: "x(user)" } }')), ['invalid-format@mesh.yaml:4:58']);
  });

  test('pseudo-headers are valid header names', () => {
    assert.deepEqual(check(web('routes: [{ match: { headers: { ":authority": shop.example } }, to: v1 }, { to: v1 }]')), []);
  });

  test('a trust domain that is not a DNS name', () => {
    assert.deepEqual(diagnose(`apiVersion: meshc/v1\nmesh: { name: shop, trustDomain: Shop_Example, mtls: off }`), ['invalid-format@mesh.yaml:2:34']);
  });
});

describe('MC1017 out-of-range', () => {
  test('ports', () => {
    assert.deepEqual(check(web('port: 0')), ['out-of-range@mesh.yaml:4:11']);
    assert.deepEqual(check(web('port: 65536')), ['out-of-range@mesh.yaml:4:11']);
    assert.deepEqual(check(web('port: 65535')), []);
    assert.deepEqual(check(web('calls: [{ service: web, localPort: 70000 }]')), ['out-of-range@mesh.yaml:4:40']);
    assert.deepEqual(check(web('versions: { v1: { endpoints: [{ address: 10.0.0.1, port: 0 }] } }')), ['out-of-range@mesh.yaml:4:62']);
  });

  test('a whole number written with decimals', () => {
    assert.deepEqual(check(web('port: 8080.5')), ['out-of-range@mesh.yaml:4:11']);
    assert.deepEqual(check(web('retries: { attempts: 1.5, perTryTimeout: 1s }')), ['out-of-range@mesh.yaml:4:26']);
  });

  test('percentages', () => {
    assert.deepEqual(check(web('fault: { abort: { httpStatus: 503, percent: 150 } }')), ['out-of-range@mesh.yaml:4:49']);
    assert.deepEqual(check(web('mirror: { to: v1, percent: -1 }')), ['out-of-range@mesh.yaml:4:32']);
    assert.deepEqual(check(web('fault: { delay: { duration: 1s, percent: 100 } }')), []);
  });

  test('retry attempts and status codes', () => {
    assert.deepEqual(check(web('retries: { attempts: 11, perTryTimeout: 1s }')), ['out-of-range@mesh.yaml:4:26']);
    assert.deepEqual(check(web('retries: { perTryTimeout: 1s, statusCodes: [503, 600] }')), ['out-of-range@mesh.yaml:4:54']);
    assert.deepEqual(check(web('fault: { abort: { grpcStatus: 17, percent: 1 } }')), ['out-of-range@mesh.yaml:4:35']);
  });

  test('lists that need an entry and strings that must not be empty', () => {
    assert.deepEqual(check(web('retries: { perTryTimeout: 1s, on: [] }')), ['out-of-range@mesh.yaml:4:35']);
    assert.deepEqual(check(web('routes: [{ match: { method: [] }, to: v1 }, { to: v1 }]')), ['out-of-range@mesh.yaml:4:25']);
    assert.deepEqual(check(web('routes: [{ match: { headers: { x-a: { prefix: "" } } }, to: v1 }, { to: v1 }]')), ['out-of-range@mesh.yaml:4:51']);
  });
});

describe('schema errors stop the pipeline', () => {
  test('semantic rules do not run when a document has a schema error', () => {
    assert.deepEqual(check(web('calls: [payments]', 'timout: 1s')), ['unknown-field@mesh.yaml:5:5']);
  });

  test('every document is still checked against the schema', () => {
    assert.deepEqual(
      check(`
        apiVersion: meshc/v1
        services:
          web: { protocol: htpp, port: 8080, versions: { v1: { endpoints: [10.0.0.1] } } }
        ---
        apiVersion: meshc/v1
        services:
          cart: { protocol: http, port: 0, versions: { v1: { endpoints: [10.0.0.2] } } }
      `),
      ['invalid-value@mesh.yaml:3:20', 'out-of-range@mesh.yaml:7:33'],
    );
  });
});
