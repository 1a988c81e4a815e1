import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrap, check, TYPE, type Config } from '../helpers.js';

function withSecond(change: (l: Config) => void): Config {
  const b = bootstrap();
  const second = structuredClone(b['static_resources']['listeners'][0]);
  second['name'] = 'second';
  change(second);
  b['static_resources']['listeners'].push(second);
  return b;
}

test('two listeners on one address and port', () => {
  assert.deepEqual(
    check(
      TYPE.bootstrap,
      withSecond(() => {}),
    ),
    ['duplicate-listener-address@static_resources.listeners[1].address'],
  );
});

test('another port, another protocol, or not binding, is fine', () => {
  assert.deepEqual(
    check(
      TYPE.bootstrap,
      withSecond((l) => (l['address']['socket_address']['port_value'] = 9090)),
    ),
    [],
  );
  assert.deepEqual(
    check(
      TYPE.bootstrap,
      withSecond((l) => (l['address']['socket_address']['protocol'] = 'UDP')),
    ),
    [],
  );
  assert.deepEqual(
    check(
      TYPE.bootstrap,
      withSecond((l) => (l['bind_to_port'] = false)),
    ),
    [],
  );
});

test('additional addresses count too', () => {
  const b = withSecond((l) => {
    l['address']['socket_address']['port_value'] = 9090;
    l['additional_addresses'] = [{ address: { socket_address: { address: '0.0.0.0', port_value: 8080 } } }];
  });
  assert.deepEqual(check(TYPE.bootstrap, b), ['duplicate-listener-address@static_resources.listeners[1].additional_addresses[0].address']);
});
