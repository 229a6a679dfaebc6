import { randomUUID } from 'node:crypto';
import { requestToken } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { originalClientCheckoutBody } from '@eshop/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';

// A client written for the original reference architecture (aws-samples "aws-microservices"),
// replayed in its own request shapes — only a bearer token added. Its product requests send an id
// (the original assigned its own and ignored it) and no category; its basket items carry the
// product's name and price (ignored: the catalog prices) and a misspelled extra field; checkout
// sends the buyer's details and a totalPrice; orders are read by user name and exact orderDate.
const { services, issuer } = localCloud();
const userName = `swn-${randomUUID().slice(0, 8)}`;
let shopper = '';
let admin = '';

beforeAll(async () => {
  shopper = await requestToken(issuer, userName);
  admin = await requestToken(issuer, 'catalog-admin', { admin: true });
});

// An empty authorization header is not sent: the catalog's reads need no token.
const send = (token: string, service: string, method: string, path: string, body?: unknown) =>
  requestJson(`${services[service]}${path}`, {
    method,
    body,
    headers: { authorization: token === '' ? '' : `Bearer ${token}` },
  });
const asAdmin = (method: string, path: string, body?: unknown) => send(admin, 'product', method, path, body);
const asShopper = (service: string, method: string, path: string, body?: unknown) =>
  send(shopper, service, method, path, body);

const iphone = {
  id: '602d2149e773f2a3990b47f5',
  name: 'IPhone X',
  description: "This phone is the company's biggest change to its flagship smartphone in years.",
  imageFile: 'product-1.png',
  price: 950,
};
const samsung = {
  id: '602d2149e773f2a3990b47f6',
  name: 'Samsung 10',
  description: 'A phone with a big screen.',
  imageFile: 'product-2.png',
  price: 840,
};

describe('a client of the original reference, replayed as is with a bearer token', () => {
  it('creates products, saves a basket, checks out, finds the order by user and date, and deletes', async () => {
    // 1-2: create products (the original ignored the id and assigned its own).
    const createdIphone = await asAdmin('POST', '/product', iphone);
    const createdSamsung = await asAdmin('POST', '/product', samsung);
    expect([createdIphone.status, createdSamsung.status]).toEqual([201, 201]);
    const iphoneId: string = createdIphone.json.id;
    const samsungId: string = createdSamsung.json.id;
    expect(iphoneId).not.toBe(iphone.id);
    expect(createdIphone.json).toMatchObject({
      name: 'IPhone X',
      category: 'uncategorized',
      imageUrl: 'product-1.png',
      price: 950,
    });

    // 3-4: read one back; update it with the whole product, its id included, as the original's PUT.
    const read = await send('', 'product', 'GET', `/product/${iphoneId}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(createdIphone.json);
    const updated = await asAdmin('PUT', `/product/${iphoneId}`, { ...iphone, id: iphoneId, price: 900 });
    expect(updated.status).toBe(200);
    expect(updated.json.price).toBe(900);

    // 5-6: save the basket in the original's item shape, then read it: priced by the catalog.
    const saved = await asShopper('basket', 'POST', '/basket', {
      userName,
      items: [
        {
          quantity: 2,
          color: 'Red',
          price: 950,
          productId: iphoneId,
          productName: 'IPhone X',
          prodcutName: 'typo',
        },
        { quantity: 1, color: 'Blue', price: 840, productId: samsungId, productName: 'Samsung 10' },
      ],
    });
    expect(saved.status).toBe(201);
    const basket = await asShopper('basket', 'GET', `/basket/${userName}`);
    expect(basket.status).toBe(200);
    expect(basket.json.total).toBe(2 * 900 + 840);
    expect(JSON.stringify(basket.json)).not.toContain('prodcutName');

    // 7: check out.
    const checkout = await asShopper(
      'basket',
      'POST',
      '/basket/checkout',
      originalClientCheckoutBody(userName),
    );
    expect(checkout.status).toBe(202);

    // 8-9: the order appears; read it by user name and its exact orderDate, as the original did.
    let orders: { orderDate: string; checkoutId: string }[] = [];
    for (let attempt = 0; attempt < 100 && orders.length === 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      orders = (await asShopper('ordering', 'GET', `/order/${userName}`)).json.items;
    }
    expect(orders).toHaveLength(1);
    const orderDate = orders[0]?.orderDate ?? '';
    const byDate = await asShopper('ordering', 'GET', `/order/${userName}?orderDate=${orderDate}`);
    expect(byDate.status).toBe(200);
    expect(byDate.json.items).toEqual([
      expect.objectContaining({ checkoutId: checkout.json.checkoutId, total: 2640 }),
    ]);

    // 10-12: delete the basket (already emptied by checkout: still 204) and the products.
    expect((await asShopper('basket', 'DELETE', `/basket/${userName}`)).status).toBe(204);
    expect((await asAdmin('DELETE', `/product/${iphoneId}`)).status).toBe(204);
    expect((await asAdmin('DELETE', `/product/${samsungId}`)).status).toBe(204);
    expect((await send('', 'product', 'GET', `/product/${iphoneId}`)).status).toBe(404);
  });

  it('gets today’s strict answer when it asks for it: unknown fields are a 422 naming each', async () => {
    const response = await requestJson(`${services.product}/product`, {
      method: 'POST',
      body: iphone,
      headers: { authorization: `Bearer ${admin}`, prefer: 'handling=strict' },
    });

    expect(response.status).toBe(422);
    expect(response.headers.get('preference-applied')).toBe('handling=strict');
    expect(response.json.errors).toEqual([{ in: 'body', pointer: '#/id', detail: 'Unknown field' }]);
  });
});
