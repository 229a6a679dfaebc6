import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { aCheckout, envelopeOf } from '../testing/checkout-basket.js';
import { CheckoutBasket, type CheckoutItem } from './checkout-basket.js';
import { InvalidEventError, parseEvent } from './event-definition.js';
import { buildPublishEvent, EventPublishError } from './publish-event.js';

const detail = aCheckout({ checkoutId: '3f1c2b9a-8d7e-4f60-9a1b-2c3d4e5f6a7b' });
const envelope = (overrides: Record<string, unknown> = {}) =>
  envelopeOf(detail, { id: 'evt-1', ...overrides });

describe('parseEvent', () => {
  it('parses an already-parsed event as well', () => {
    expect(parseEvent(CheckoutBasket, envelope()).detail).toEqual(detail);
  });

  it('says why a message is refused, for the log and the DLQ', () => {
    const reasonOf = (body: unknown) => {
      try {
        parseEvent(CheckoutBasket, body);
      } catch (error) {
        return { message: (error as InvalidEventError).message, issues: (error as InvalidEventError).issues };
      }
      throw new Error('parsed');
    };

    expect(reasonOf('{"truncated":')).toEqual({ message: 'Message body is not JSON', issues: [] });
    expect(reasonOf([])).toEqual({
      message: 'Message is not an EventBridge event',
      issues: expect.arrayContaining(['(root): Invalid input: expected object, received array']),
    });
    expect(reasonOf(envelope({ id: '' })).issues).toEqual([expect.stringMatching(/^id: /)]);
    // A nested field is named by its path.
    expect(
      reasonOf(envelope({ detail: { ...detail, buyer: { ...detail.buyer, email: 'nope' } } })).issues,
    ).toEqual(['buyer.email: Invalid email address']);
    expect(reasonOf(envelope({ source: 'eshop.product' }))).toEqual({
      message: 'Expected eshop.basket/CheckoutBasket, got eshop.product/CheckoutBasket',
      issues: [],
    });
    expect(reasonOf(envelope({ detail: { ...detail, total: 1 } }))).toEqual({
      message: 'Invalid CheckoutBasket v1 detail',
      issues: ['total: total must equal the sum of the line totals'],
    });
    expect(
      reasonOf(
        envelope({ detail: { ...detail, items: [{ ...detail.items[0], lineTotal: 1000 }], total: 1000 } }),
      ).issues,
    ).toEqual(['items: Every lineTotal must equal unitPrice × quantity']);
    // Every line is checked, not just one: the first line adds up, the second does not.
    const [good, second] = detail.items as [CheckoutItem, CheckoutItem];
    expect(
      reasonOf(
        envelope({
          detail: { ...detail, items: [good, { ...second, lineTotal: 1 }], total: good.lineTotal + 1 },
        }),
      ).issues,
    ).toEqual(['items: Every lineTotal must equal unitPrice × quantity']);
  });

  it('keeps the parse error as the cause of a non-JSON body', () => {
    expect(() => parseEvent(CheckoutBasket, '{')).toThrow(
      expect.objectContaining({ name: 'InvalidEventError', cause: expect.any(SyntaxError) }),
    );
  });

  it('parses an SQS body holding a CheckoutBasket event', () => {
    const parsed = parseEvent(CheckoutBasket, JSON.stringify(envelope()));

    expect(parsed.detail).toEqual(detail);
    expect(parsed.envelope.id).toBe('evt-1');
  });

  it.each([
    ['a non-JSON body', '{"truncated":'],
    ['another source', JSON.stringify(envelope({ source: 'eshop.product' }))],
    ['a bare detail without envelope', JSON.stringify(detail)],
    ['another event type', JSON.stringify(envelope({ 'detail-type': 'ProductChanged' }))],
    ['an unknown detail version', JSON.stringify(envelope({ detail: { ...detail, version: '2' } }))],
    ['a total that does not add up', JSON.stringify(envelope({ detail: { ...detail, total: 1 } }))],
    [
      'a line total that ignores quantity',
      JSON.stringify(
        envelope({ detail: { ...detail, items: [{ ...detail.items[0], lineTotal: 1000 }], total: 1000 } }),
      ),
    ],
    [
      'a full card number in place of last4',
      JSON.stringify(
        envelope({ detail: { ...detail, payment: { method: 'card', cardLast4: '4242424242424242' } } }),
      ),
    ],
  ])('rejects %s with InvalidEventError', (_, body) => {
    expect(() => parseEvent(CheckoutBasket, body)).toThrow(InvalidEventError);
  });
});

const fakeBus = (reply: () => Promise<unknown>) => {
  const sent: unknown[] = [];
  const client = {
    send: async (command: { input: unknown }) => {
      sent.push(command.input);
      return reply();
    },
  } as unknown as EventBridgeClient;
  return { client, sent };
};

describe('buildPublishEvent', () => {
  it('publishes a validated entry with source, detail-type and bus', async () => {
    const bus = fakeBus(async () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }));

    const result = await buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, detail);

    expect(result).toEqual({ eventId: 'e-1' });
    expect(bus.sent).toEqual([
      {
        Entries: [
          {
            EventBusName: 'eshop-bus',
            Source: 'eshop.basket',
            DetailType: 'CheckoutBasket',
            Detail: JSON.stringify(detail),
          },
        ],
      },
    ]);
  });

  it('treats a per-entry failure as a failed publish', async () => {
    const bus = fakeBus(async () => ({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] }));

    await expect(buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, detail)).rejects.toThrow(
      new EventPublishError('Event bus eshop-bus rejected CheckoutBasket: InternalFailure'),
    );
  });

  // PutEvents reports failed entries in FailedEntryCount without throwing: the count alone decides.
  it('treats a failed entry count as a failed publish, whatever the entry says', async () => {
    const bus = fakeBus(async () => ({ FailedEntryCount: 1, Entries: [{ EventId: 'e-1' }] }));

    await expect(buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, detail)).rejects.toThrow(
      new EventPublishError('Event bus eshop-bus rejected CheckoutBasket: no event id'),
    );
  });

  it.each([
    ['no entries', { FailedEntryCount: 0, Entries: [] }],
    ['no count and no entries', {}],
    ['an entry without an event id', { FailedEntryCount: 0, Entries: [{}] }],
  ])('treats an answer with %s as a failed publish', async (_, answer) => {
    const bus = fakeBus(async () => answer);

    await expect(buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, detail)).rejects.toThrow(
      EventPublishError,
    );
  });

  it('publishes when the count is absent but the entry has its event id', async () => {
    const bus = fakeBus(async () => ({ Entries: [{ EventId: 'e-2' }] }));

    await expect(buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, detail)).resolves.toEqual({
      eventId: 'e-2',
    });
  });

  it('treats an unreachable bus as a failed publish', async () => {
    const bus = fakeBus(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });

    const publishing = buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, detail);

    await expect(publishing).rejects.toThrow(new EventPublishError('Could not reach event bus eshop-bus'));
    await expect(publishing).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });

  it('refuses to publish an invalid detail', async () => {
    const bus = fakeBus(async () => ({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }));

    await expect(
      buildPublishEvent(bus.client, 'eshop-bus')(CheckoutBasket, { ...detail, total: -1 }),
    ).rejects.toThrow();
    expect(bus.sent).toHaveLength(0);
  });
});
