/**
 * The one error model: what a person sees of any thrown value (presentError), the one cause-chain
 * walker, and the UserError mark that works across bundles.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeChain, errorChain } from '../../../src/shared/errorChain';
import { presentError } from '../../../src/shared/errorPresentation';
import { errorMessage, isUserError, UserError } from '../../../src/shared/errors';

void describe('presentError', () => {
  test('a UserError: message, next step, code and actions; the text joins message and next step', () => {
    const err = new UserError('No clusters found.', {
      hint: 'Select an AWS profile and region with clusters.',
      code: 'NoClusters',
      actions: [{ title: 'Select AWS Profile…', command: 'msk.selectProfile' }],
    });
    const shown = presentError(err);
    assert.equal(shown.message, 'No clusters found.');
    assert.equal(shown.hint, 'Select an AWS profile and region with clusters.');
    assert.equal(shown.code, 'NoClusters');
    assert.deepEqual(shown.actions, [{ title: 'Select AWS Profile…', command: 'msk.selectProfile' }]);
    assert.equal(shown.text, 'No clusters found. Select an AWS profile and region with clusters.');
  });

  test('a plain Error: its message, no next step, no actions; its code when it has one', () => {
    const shown = presentError(Object.assign(new Error('open /x failed'), { code: 'ENOENT' }));
    assert.equal(shown.text, 'open /x failed');
    assert.equal(shown.hint, undefined);
    assert.equal(shown.code, 'ENOENT');
    assert.deepEqual(shown.actions, []);
  });

  test('a string, an object and nothing at all still read as text', () => {
    assert.equal(presentError('plain words').text, 'plain words');
    assert.equal(presentError({ message: 'from an object' }).text, 'from an object');
    assert.equal(presentError({ status: 3 }).text, '{"status":3}');
    assert.equal(presentError(undefined).text, 'undefined');
  });

  test('a plain error wrapping a UserError shows the UserError (it was written for people)', () => {
    const inner = new UserError('The topic "orders" does not exist.', { hint: 'Refresh the topic list.' });
    const shown = presentError(new Error('request failed', { cause: inner }));
    assert.equal(shown.text, 'The topic "orders" does not exist. Refresh the topic list.');
  });

  test('the log text has the message, the next step and every cause, one per line', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const err = new UserError('Could not reach the cluster.', {
      hint: 'Check the address.',
      code: 'Unreachable',
      cause: new AggregateError([root, 'a string reason'], 'all brokers failed'),
    });
    assert.equal(
      presentError(err).logText,
      [
        'UserError (Unreachable): Could not reach the cluster.',
        'next step: Check the address.',
        'caused by: AggregateError: all brokers failed',
        'caused by: Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:9',
        'caused by: a string reason',
      ].join('\n'),
    );
  });

  test('an empty hint is no next step', () => {
    const shown = presentError(new UserError('Something failed.', { hint: '  ' }));
    assert.equal(shown.hint, undefined);
    assert.equal(shown.text, 'Something failed.');
  });
});

void describe('the cause-chain walker', () => {
  test('walks cause, AggregateError members and kafkajs group errors, each once, outermost first', () => {
    const groupError = Object.assign(new Error('group refused'), { type: 'GROUP_AUTHORIZATION_FAILED' });
    const deleteGroups = Object.assign(new Error('Error in DeleteGroups'), {
      groups: [{ groupId: 'g', error: groupError }],
    });
    const shared = new Error('shared');
    const outer = new Error('outer', { cause: new AggregateError([deleteGroups, shared, shared], 'agg') });
    const chain = errorChain(outer);
    assert.deepEqual(
      chain.map((e) => errorMessage(e)),
      ['outer', 'agg', 'Error in DeleteGroups', 'shared', 'group refused'],
    );
  });

  test('stops on a cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    assert.deepEqual(describeChain(a), ['Error: a', 'Error: b']);
  });
});

void describe('the UserError mark', () => {
  test('a UserError and its subclasses are recognised; a lookalike plain Error is not', () => {
    class Sub extends UserError {}
    assert.ok(isUserError(new UserError('x')));
    assert.ok(isUserError(new Sub('x')));
    assert.equal(isUserError(Object.assign(new Error('x'), { hint: 'y', name: 'UserError' })), false);
    assert.equal(isUserError('x'), false);
  });
});
