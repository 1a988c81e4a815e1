import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResources } from '../../../src/check/index.js';
import { bootstrap, check, checkAll, listener, TYPE } from '../helpers.js';

test('two static listeners with one name', () => {
  const b = bootstrap();
  const second = structuredClone(b['static_resources']['listeners'][0]);
  second['address']['socket_address']['port_value'] = 9090;
  b['static_resources']['listeners'].push(second);
  assert.deepEqual(check(TYPE.bootstrap, b), ['duplicate-listener@static_resources.listeners[1].name']);
});

test('across resources checked together, pointing at the first', () => {
  const a = listener();
  const b = listener();
  b['address']['socket_address']['port_value'] = 9090;
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.listener, value: a },
      { typeName: TYPE.listener, value: b },
    ]),
    ['duplicate-listener@name'],
  );
  const [problem] = checkResources([
    { typeName: TYPE.listener, value: a },
    { typeName: TYPE.listener, value: b },
  ]);
  assert.equal(problem?.resource, 1);
  assert.equal(problem?.related?.resource, 0);
  assert.equal(problem?.related?.path, 'name');
});

test('distinct names are fine', () => {
  const b = listener();
  b['name'] = 'other';
  b['address']['socket_address']['port_value'] = 9090;
  assert.deepEqual(
    checkAll([
      { typeName: TYPE.listener, value: listener() },
      { typeName: TYPE.listener, value: b },
    ]),
    [],
  );
});
