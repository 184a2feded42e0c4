import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { LogEntry } from 'kafkajs';
import { createLogCreator, formatKafkaLogEntry } from '../../../src/kafka/logging';
import { compileAddressMap, resolveAddress } from '../../../src/kafka/socketFactory';
import { specFingerprint, type KafkaConnectionSpec } from '../../../src/kafka/connection';

describe('address map', () => {
  it('maps advertised host:port (case-insensitive host) and leaves others alone', () => {
    const map = compileAddressMap({ 'B-1.Example.com:9098': '127.0.0.1:19098' });
    assert.deepEqual(resolveAddress(map, 'b-1.example.com', 9098), { host: '127.0.0.1', port: 19098 });
    assert.deepEqual(resolveAddress(map, 'b-1.example.com', 9096), { host: 'b-1.example.com', port: 9096 });
  });

  it('rejects malformed entries with the entry in the message', () => {
    assert.throws(() => compileAddressMap({ 'b-1:9098': 'localhost' }), /"b-1:9098" → "localhost"/);
    assert.throws(() => compileAddressMap({ 'b-1:99999': '127.0.0.1:1' }), /invalid port/);
  });
});

describe('kafkajs log bridge', () => {
  const entry = (level: number, extra: Record<string, unknown>): LogEntry => ({
    namespace: 'Connection',
    level,
    label: 'ERROR',
    log: { timestamp: 'now', message: 'Connection error: boom', ...extra },
  });

  it('drops secret-looking extras and keeps useful ones', () => {
    const line = formatKafkaLogEntry(
      entry(1, { broker: 'b:1', sasl: { password: 'hunter2' }, password: 'hunter2', authBytes: 'xx', retryCount: 2 }),
    );
    assert.match(line, /\[Connection\] Connection error: boom/);
    assert.match(line, /broker=b:1/);
    assert.match(line, /retryCount=2/);
    assert.doesNotMatch(line, /hunter2|authBytes/);
  });

  it('redacts SigV4 signatures inside messages', () => {
    const line = formatKafkaLogEntry({
      ...entry(5, {}),
      log: { timestamp: 'now', message: 'url ?X-Amz-Credential=AKIA123/x&X-Amz-Signature=abcdef' },
    });
    assert.doesNotMatch(line, /AKIA123|abcdef/);
  });

  it('routes kafkajs levels to the logger methods', () => {
    const seen: string[] = [];
    const logger = {
      debug: () => seen.push('debug'),
      info: () => seen.push('info'),
      warn: () => seen.push('warn'),
      error: () => seen.push('error'),
    };
    const log = createLogCreator(logger)(0);
    for (const level of [1, 2, 4, 5]) log(entry(level, {}));
    assert.deepEqual(seen, ['error', 'warn', 'info', 'debug']);
  });
});

describe('spec fingerprint', () => {
  const base: KafkaConnectionSpec = {
    id: 'x',
    label: 'x',
    bootstrapServers: ['a:1'],
    tls: true,
    auth: { kind: 'scram', mechanism: 'scram-sha-512', username: 'u', password: () => Promise.resolve('pw-secret') },
  };
  it('changes with settings but never contains secrets', () => {
    const fp = specFingerprint(base);
    assert.equal(specFingerprint({ ...base, label: 'renamed' }), fp);
    assert.notEqual(specFingerprint({ ...base, bootstrapServers: ['b:1'] }), fp);
    const mtls = specFingerprint({ ...base, auth: { kind: 'mtls', cert: 'CERT-PEM', key: 'PRIVATE-KEY-PEM' } });
    assert.doesNotMatch(mtls + fp, /pw-secret|PRIVATE-KEY-PEM|CERT-PEM/);
  });
});
