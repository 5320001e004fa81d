-- Trigram matching for the incident list's title search (ILIKE '%…%' served by a GIN index).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
