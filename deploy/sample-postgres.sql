-- A small sample database to point a Postgres connection at (host sample-postgres, database sample).
CREATE TABLE public.customers (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL,
  email      text UNIQUE,
  balance    numeric(20, 2) NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO public.customers (name, email, balance) VALUES
  ('Ada', 'ada@example.com', 120.50),
  ('Grace', 'grace@example.com', 99999999999999999.99),
  ('Linus', NULL, 0);
