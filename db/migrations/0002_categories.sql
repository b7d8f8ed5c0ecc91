-- The starting taxonomy of activity kinds (app/modules/activities/vocabulary.ts).
-- Admins may rename kinds or add more later; this only fills an empty table.
INSERT INTO "categories" ("slug", "name", "description", "sort_order") VALUES
  ('walking', 'Walking groups', 'Led walks for all paces, in parks, towns and countryside.', 10),
  ('gardening', 'Gardening and nature', 'Community gardens, allotments, conservation and green spaces.', 20),
  ('arts-crafts', 'Arts and crafts', 'Painting, knitting, pottery, sewing and making things together.', 30),
  ('exercise', 'Exercise, yoga and tai chi', 'Gentle exercise, chair yoga, tai chi, swimming and dance.', 40),
  ('book-clubs', 'Book clubs and reading', 'Reading groups, shared reading and writing circles.', 50),
  ('cooking', 'Cooking on a budget', 'Cook-and-eat sessions, budget meals and lunch clubs.', 60),
  ('music', 'Choirs and music', 'Singing groups, choirs, ukulele and music for wellbeing.', 70),
  ('volunteering', 'Volunteering', 'Roles helping others: food banks, shops, gardens and events.', 80),
  ('peer-support', 'Peer support', 'Groups of people with shared experience supporting each other.', 90),
  ('befriending', 'Befriending and social', 'Befriending, coffee mornings, lunch clubs and company.', 100),
  ('digital-skills', 'Digital skills', 'Help with phones, tablets, computers and getting online.', 110),
  ('advice', 'Advice and practical help', 'Debt and money advice, benefits, employment and CV writing.', 120)
ON CONFLICT ("slug") DO NOTHING;
