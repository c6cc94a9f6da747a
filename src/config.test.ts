import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('has working defaults for an embedded install', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.siteUrl, 'http://127.0.0.1:3000');
    assert.match(config.databaseUrl, /^sqlite:\/\/.*data\/gazette\.db$/);
    assert.equal(config.seedDemo, true);
    assert.equal(config.commentSpamDays, 30);
  });

  it('logs for a person on a terminal and as JSON otherwise, unless LOG_FORMAT says', () => {
    assert.equal(loadConfig({}, true).logFormat, 'pretty');
    assert.equal(loadConfig({}, false).logFormat, 'json');
    assert.equal(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat, 'json');
    assert.equal(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat, 'pretty');
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080', HOST: '0.0.0.0', SITE_URL: 'https://news.example/', DATABASE_URL: 'postgres://u@db:5432/news',
      DATABASE_REPLICA_URL: 'postgres://u@replica:5432/news', REDIS_URL: 'redis://cache:6379', GAZETTE_DEMO: 'false',
      PAGE_CACHE_MB: '128', GAZETTE_SECRET: 'a-secret-of-enough-length', TRUST_PROXY: '1', GAZETTE_OUTBOUND_ALLOW: 'Receiver.Local, 10.0.0.8,[::1]',
      COMMENT_SPAM_DAYS: '7',
    });
    assert.equal(config.commentSpamDays, 7);
    assert.equal(config.port, 8080);
    assert.equal(config.siteUrl, 'https://news.example');
    assert.equal(config.databaseReplicaUrl, 'postgres://u@replica:5432/news');
    assert.equal(config.redisUrl, 'redis://cache:6379');
    assert.equal(config.seedDemo, false);
    assert.equal(config.pageCacheBytes, 128 * 1024 * 1024);
    assert.equal(config.trustProxy, 1);
    assert.deepEqual(config.outboundAllow, ['receiver.local', '10.0.0.8', '::1']);
  });

  const bad: [Record<string, string>, string, RegExp][] = [
    [{ PORT: 'eighty' }, 'PORT', /whole number from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /whole number/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /sqlite:\/\/ or postgres:\/\//],
    [{ SITE_URL: 'not a url' }, 'SITE_URL', /must be a URL/],
    [{ GAZETTE_DEMO: 'maybe' }, 'GAZETTE_DEMO', /true or false/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [{ GAZETTE_SECRET: 'short' }, 'GAZETTE_SECRET', /16 characters/],
    [{ DATABASE_REPLICA_URL: 'postgres://r/db' }, 'DATABASE_REPLICA_URL', /needs DATABASE_URL/],
    [{ TRUST_PROXY: 'everyone!' }, 'TRUST_PROXY', /hop count/],
    [{ GAZETTE_OUTBOUND_ALLOW: 'hooks.local, http://127.0.0.1:8080/' }, 'GAZETTE_OUTBOUND_ALLOW', /without scheme, port or path; "http:\/\/127\.0\.0\.1:8080\/"/],
    [{ COMMENT_SPAM_DAYS: '0' }, 'COMMENT_SPAM_DAYS', /whole number from 1 to 3650/],
    [{ LOG_FORMAT: 'fancy' }, 'LOG_FORMAT', /pretty or json/],
  ];
  for (const [env, variable, message] of bad) {
    it(`refuses a bad ${variable} with a message naming it`, () => {
      assert.throws(() => loadConfig(env), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.variable, variable);
        assert.match(error.message, new RegExp(`^${variable}: `));
        assert.match(error.message, message);
        return true;
      });
    });
  }
});
