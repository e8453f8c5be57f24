/** The sample database of `--demo`: a small shop with the types people meet every day. */
export const DEMO_SCHEMA_SQL = `
CREATE TABLE customers (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  email       text UNIQUE NOT NULL,
  country     char(2) NOT NULL,
  tags        text[] NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE products (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,
  price       numeric(10,2) NOT NULL CHECK (price >= 0),
  attributes  jsonb NOT NULL DEFAULT '{}',
  thumbnail   bytea
);
CREATE TABLE orders (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers(id),
  status      text NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
  ordered_at  timestamptz NOT NULL,
  note        text
);
CREATE TABLE order_items (
  order_id    bigint NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  product_id  integer NOT NULL REFERENCES products(id),
  quantity    integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX orders_customer_idx ON orders (customer_id);

INSERT INTO customers (name, email, country, tags, created_at)
SELECT 'Customer ' || g, 'customer' || g || '@example.com',
       (ARRAY['DE','FR','US','JP','BR','IN'])[1 + g % 6],
       CASE WHEN g % 5 = 0 THEN ARRAY['vip'] ELSE '{}' END,
       timestamptz '2025-01-01' + g * interval '7 hours'
FROM generate_series(1, 200) g;

INSERT INTO products (name, price, attributes, thumbnail)
SELECT 'Product ' || g, round((g * 3.17)::numeric % 500 + 0.99, 2),
       jsonb_build_object('colour', (ARRAY['red','green','blue'])[1 + g % 3], 'weight_g', g * 10),
       CASE WHEN g % 4 = 0 THEN decode('deadbeef', 'hex') END
FROM generate_series(1, 50) g;

INSERT INTO orders (customer_id, status, ordered_at, note)
SELECT 1 + g % 200, (ARRAY['new','paid','shipped','cancelled'])[1 + g % 4],
       timestamptz '2025-06-01' + g * interval '53 minutes',
       CASE WHEN g % 10 = 0 THEN 'gift wrap' END
FROM generate_series(1, 2000) g;

INSERT INTO order_items (order_id, product_id, quantity)
SELECT o.id, 1 + (o.id * k) % 50, 1 + k
FROM orders o, generate_series(1, 3) k
ON CONFLICT DO NOTHING;

CREATE VIEW revenue_by_country AS
SELECT c.country, count(DISTINCT o.id) AS orders, sum(p.price * i.quantity) AS revenue
FROM orders o
JOIN customers c ON c.id = o.customer_id
JOIN order_items i ON i.order_id = o.id
JOIN products p ON p.id = i.product_id
WHERE o.status <> 'cancelled'
GROUP BY c.country;
`;
