"""Word tables for the offline fact extractor (`bot.facts`).

Kept apart from the matching code so the logic stays readable. Everything here is plain text that
`bot.facts` parses once at import into lookup dicts and precompiled patterns.
"""

from __future__ import annotations

# One country a line: canonical name ; demonyms ; other names (a line ending in a comma
# continues on the next). Plural demonyms ending in -n or -i ("Pakistanis", "Belarusians") are added
# automatically; irregular plurals are listed by hand. All 193 UN members, then a few observers
# and territories that trade news often names.
COUNTRIES = """
Afghanistan;Afghan,Afghani;
Albania;Albanian;
Algeria;Algerian;
Andorra;Andorran;
Angola;Angolan;
Antigua and Barbuda;Antiguan,Barbudan;Antigua
Argentina;Argentine,Argentinian,Argentines;
Armenia;Armenian;
Australia;Australian;
Austria;Austrian;
Azerbaijan;Azerbaijani,Azeri,Azeris;
Bahamas;Bahamian;The Bahamas
Bahrain;Bahraini;
Bangladesh;Bangladeshi;
Barbados;Barbadian,Bajan;
Belarus;Belarusian,Belarussian,Byelorussian;Byelorussia,Belorussia
Belgium;Belgian;
Belize;Belizean;
Benin;Beninese;
Bhutan;Bhutanese;
Bolivia;Bolivian;
Bosnia and Herzegovina;Bosnian;Bosnia,Bosnia-Herzegovina
Botswana;Botswanan,Motswana,Batswana;
Brazil;Brazilian;
Brunei;Bruneian;Brunei Darussalam
Bulgaria;Bulgarian;
Burkina Faso;Burkinabe,Burkinabé;
Burundi;Burundian;
Cabo Verde;Cape Verdean;Cape Verde
Cambodia;Cambodian;
Cameroon;Cameroonian;
Canada;Canadian;
Central African Republic;;
Chad;Chadian;
Chile;Chilean;
China;Chinese;People's Republic of China,People’s Republic of China,PRC,Mainland China
Colombia;Colombian;
Comoros;Comorian;
Congo;;Republic of the Congo,Republic of Congo,Congo-Brazzaville
DR Congo;Congolese;Democratic Republic of the Congo,Democratic Republic of Congo,DRC,Congo-Kinshasa
Costa Rica;Costa Rican;
Côte d'Ivoire;Ivorian;Ivory Coast,Cote d'Ivoire,Côte d’Ivoire,Cote d’Ivoire
Croatia;Croatian,Croats;
Cuba;Cuban;
Cyprus;Cypriot;
Czech Republic;Czech,Czechs;Czechia
Denmark;Danish,Danes;
Djibouti;Djiboutian;
Dominica;;Commonwealth of Dominica
Dominican Republic;Dominican;
Ecuador;Ecuadorian,Ecuadorean;
Egypt;Egyptian;
El Salvador;Salvadoran,Salvadorean;
Equatorial Guinea;Equatoguinean,Equatorial Guinean;
Eritrea;Eritrean;
Estonia;Estonian;
Eswatini;Swazi,Swazis;Swaziland
Ethiopia;Ethiopian;
Fiji;Fijian;
Finland;Finnish,Finns;
France;French;
Gabon;Gabonese;
Gambia;Gambian;The Gambia
Georgia;Georgian;
Germany;German;
Ghana;Ghanaian;
Greece;Greek,Greeks;
Grenada;Grenadian;
Guatemala;Guatemalan;
Guinea;Guinean;
Guinea-Bissau;Bissau-Guinean;
Guyana;Guyanese;
Haiti;Haitian;
Honduras;Honduran;
Hungary;Hungarian;
Iceland;Icelandic,Icelander,Icelanders;
India;Indian;
Indonesia;Indonesian;
Iran;Iranian;
Iraq;Iraqi;
Ireland;Irish;Republic of Ireland,Eire
Israel;Israeli;
Italy;Italian;
Jamaica;Jamaican;
Japan;Japanese;
Jordan;Jordanian;
Kazakhstan;Kazakh,Kazakhstani,Kazakhs;
Kenya;Kenyan;
Kiribati;I-Kiribati;
North Korea;North Korean;DPRK,Democratic People's Republic of Korea
South Korea;South Korean,Korean;Korea,Republic of Korea
Kuwait;Kuwaiti;
Kyrgyzstan;Kyrgyz,Kyrgyzstani;Kyrgyz Republic
Laos;Laotian;Lao PDR
Latvia;Latvian;
Lebanon;Lebanese;
Lesotho;Basotho,Mosotho;
Liberia;Liberian;
Libya;Libyan;
Liechtenstein;Liechtensteiner;
Lithuania;Lithuanian;
Luxembourg;Luxembourger,Luxembourgish;
Madagascar;Malagasy;
Malawi;Malawian;
Malaysia;Malaysian;
Maldives;Maldivian;The Maldives
Mali;Malian;
Malta;Maltese;
Marshall Islands;Marshallese;
Mauritania;Mauritanian;
Mauritius;Mauritian;
Mexico;Mexican;
Micronesia;Micronesian;Federated States of Micronesia
Moldova;Moldovan;
Monaco;Monegasque;
Mongolia;Mongolian;
Montenegro;Montenegrin;
Morocco;Moroccan;
Mozambique;Mozambican;
Myanmar;Burmese;Burma
Namibia;Namibian;
Nauru;Nauruan;
Nepal;Nepali,Nepalese;
Netherlands;Dutch;The Netherlands,Holland
New Zealand;New Zealander;
Nicaragua;Nicaraguan;
Niger;Nigerien;
Nigeria;Nigerian;
North Macedonia;Macedonian;Macedonia
Norway;Norwegian;
Oman;Omani;
Pakistan;Pakistani;
Palau;Palauan;
Panama;Panamanian;
Papua New Guinea;Papua New Guinean;PNG
Paraguay;Paraguayan;
Peru;Peruvian;
Philippines;Filipino,Philippine;The Philippines
Poland;Polish,Poles;
Portugal;Portuguese;
Qatar;Qatari;
Romania;Romanian;
Russia;Russian;Russian Federation
Rwanda;Rwandan;
Saint Kitts and Nevis;Kittitian,Nevisian;St Kitts and Nevis,St. Kitts and Nevis
Saint Lucia;Saint Lucian,St Lucian;St Lucia,St. Lucia
Saint Vincent and the Grenadines;Vincentian;St Vincent and the Grenadines,St. Vincent and the Grenadines
Samoa;Samoan;
San Marino;Sammarinese;
São Tomé and Príncipe;Santomean;Sao Tome and Principe
Saudi Arabia;Saudi,Saudi Arabian;
Senegal;Senegalese;
Serbia;Serbian,Serbs;
Seychelles;Seychellois;
Sierra Leone;Sierra Leonean;
Singapore;Singaporean;
Slovakia;Slovak,Slovakian,Slovaks;
Slovenia;Slovenian,Slovene,Slovenes;
Solomon Islands;Solomon Islander;
Somalia;Somali;
South Africa;South African;
South Sudan;South Sudanese;
Spain;Spanish,Spaniard;
Sri Lanka;Sri Lankan;
Sudan;Sudanese;
Suriname;Surinamese;Surinam
Sweden;Swedish,Swedes;
Switzerland;Swiss;
Syria;Syrian;
Tajikistan;Tajik,Tajikistani,Tajiks;
Tanzania;Tanzanian;
Thailand;Thai;
Timor-Leste;Timorese;East Timor
Togo;Togolese;
Tonga;Tongan;
Trinidad and Tobago;Trinidadian,Tobagonian;Trinidad
Tunisia;Tunisian;
Turkey;Turkish,Turks;Türkiye,Turkiye
Turkmenistan;Turkmen;
Tuvalu;Tuvaluan;
Uganda;Ugandan;
Ukraine;Ukrainian;
United Arab Emirates;Emirati;UAE,U.A.E.
United Kingdom;British,Briton,Brits;UK,U.K.,Britain,Great Britain,England,Scotland,Wales,
    Northern Ireland,Scottish,Welsh
United States;American;US,U.S.,USA,U.S.A.,United States of America,America
Uruguay;Uruguayan;
Uzbekistan;Uzbek,Uzbekistani,Uzbeks;
Vanuatu;Ni-Vanuatu;
Venezuela;Venezuelan;
Vietnam;Vietnamese;Viet Nam
Yemen;Yemeni;
Zambia;Zambian;
Zimbabwe;Zimbabwean;
"""

# Not UN members, but trade news names them like countries.
TERRITORIES = """
Taiwan;Taiwanese;
Hong Kong;;
Macau;Macanese;Macao
Palestine;Palestinian;Palestinian territories
Kosovo;Kosovar;
Holy See;;Vatican
"""

# Blocs and organisations: canonical ; kind ; other names.
BLOCS = """
European Union;bloc;EU,E.U.,European Commission
Eurozone;bloc;eurozone,euro zone,euro area
ASEAN;bloc;Asean,Association of Southeast Asian Nations,Association of South East Asian Nations
Mercosur;bloc;Mercosul
African Union;bloc;
Gulf Cooperation Council;bloc;GCC,Gulf Co-operation Council
Eurasian Economic Union;bloc;EAEU
SAARC;bloc;Saarc,South Asian Association for Regional Cooperation
Shanghai Cooperation Organisation;bloc;SCO,Shanghai Cooperation Organization
BRICS;bloc;Brics
G7;bloc;G-7,Group of Seven
G8;bloc;G-8,Group of Eight
G20;bloc;G-20,Group of 20,Group of Twenty
NAFTA;bloc;Nafta,North American Free Trade Agreement
USMCA;bloc;
APEC;bloc;Apec,Asia-Pacific Economic Cooperation
ECOWAS;bloc;Ecowas,Economic Community of West African States
EFTA;bloc;Efta,European Free Trade Association
Commonwealth of Independent States;bloc;CIS
Caricom;bloc;CARICOM,Caribbean Community
SADC;bloc;Southern African Development Community
Comesa;bloc;COMESA
Arab League;bloc;League of Arab States
RCEP;bloc;Regional Comprehensive Economic Partnership
CPTPP;bloc;Trans-Pacific Partnership
Economic Cooperation Organization;bloc;Economic Cooperation Organisation
OPEC;organisation;Opec,Organization of the Petroleum Exporting Countries,
    Organisation of Petroleum Exporting Countries,Organization of Petroleum Exporting Countries
World Trade Organization;organisation;WTO,World Trade Organisation
International Monetary Fund;organisation;IMF
World Bank;organisation;
OECD;organisation;Organisation for Economic Co-operation and Development,
    Organization for Economic Cooperation and Development
United Nations;organisation;UN,U.N.
UNCTAD;organisation;Unctad
Asian Development Bank;organisation;ADB
EBRD;organisation;European Bank for Reconstruction and Development
Asian Infrastructure Investment Bank;organisation;AIIB
Islamic Development Bank;organisation;IsDB
European Central Bank;organisation;ECB
Federal Reserve;organisation;Fed,US Federal Reserve
Bank of England;organisation;
Bank of Japan;organisation;
"""

# Longer names that contain a country word but are not that country: they are matched first and
# then ignored ("New Mexico" is not Mexico, "Latin America" is not the United States).
BLOCKERS = """
Latin America,Latin American,Latin Americans,South America,South American,South Americans,
North America,North American,North Americans,Central America,Central American,Americas,
New Mexico,New Guinea,New England,Indian Ocean,South China Sea,East China Sea,North Pole,
Jordan Grand Prix,Georgia-Pacific,Turkish Delight,Indian Wells,American football,
French fries,Dutch auction,Chinese walls,Chinese whispers,Irish Sea,Persian Gulf,
"""

# Country names that are also first names or ordinary capitalised words: trusted only in context.
AMBIGUOUS = frozenset({"Chad", "Jordan", "Georgia", "Guinea", "Niger", "Turkey", "Israel", "Cuba", "Lebanon"})
# Of those, the ones that are common first names: "Jordan said" is more likely a person.
FIRST_NAME_LIKE = frozenset({"Chad", "Jordan", "Georgia"})

# Sector vocabulary: canonical : other surface forms (matched case-insensitively, except
# all-capital acronyms which must be written as capitals).
SECTORS = """
textiles: textile, textiles
garments: garment, garments, apparel, clothing, readymade garments, ready-made garments
agriculture: agriculture, agricultural, farming, agri, agro, agribusiness
agricultural technology: agricultural technology, agritech, agri-tech, farm technology
agricultural machinery: agricultural machinery, farm machinery, farm equipment
energy: energy, power generation, electricity
renewable energy: renewable energy, renewables, clean energy, green energy
solar energy: solar, solar energy, solar power
wind energy: wind energy, wind power
nuclear energy: nuclear energy, nuclear power
hydropower: hydropower, hydroelectric, hydel, hydro power
oil and gas: oil and gas, oil & gas, petroleum, hydrocarbons
oil: oil, crude, crude oil
natural gas: gas, natural gas, LNG, liquefied natural gas
coal: coal
petrochemicals: petrochemical, petrochemicals
steel: steel, iron and steel
aluminium: aluminium, aluminum
metals: metals, metal
cement: cement
chemicals: chemical, chemicals
fertilisers: fertiliser, fertilisers, fertilizer, fertilizers
plastics: plastics
automotive: automotive, automobile, automobiles, auto, car, carmaking, car-making, motor, motor vehicle,
    vehicle manufacturing, auto parts
pharmaceuticals: pharmaceutical, pharmaceuticals, pharma, drug, drugs, medicines
healthcare: healthcare, health care, health, medical, medical equipment, medical devices, surgical instruments
biotechnology: biotechnology, biotech
information technology: IT, ICT, information technology, information and communication technology,
    information and communications technology, tech, technology
software: software
telecoms: telecoms, telecom, telecommunications, telecommunication, mobile phone, mobile
electronics: electronics, consumer electronics
semiconductors: semiconductor, semiconductors, chip, chipmaking
e-commerce: e-commerce, ecommerce, online retail
banking: banking, banks, bank
financial services: financial services, finance, fintech, financial
insurance: insurance
tourism: tourism, travel, hospitality, leisure
aviation: aviation, airline, airlines, aerospace, aircraft
shipping: shipping, maritime, shipbuilding, ports
logistics: logistics, transport, transportation, freight
railways: railway, railways, rail
construction: construction, building, housebuilding
infrastructure: infrastructure
real estate: real estate, property
mining: mining, minerals, mineral
gems and jewellery: gems and jewellery, jewellery, jewelry, gems
fisheries: fisheries, fishing, fishery, aquaculture, seafood
dairy: dairy
livestock: livestock, meat, poultry
horticulture: horticulture, fruit and vegetables, fruit, vegetables
food processing: food processing, food, food and beverages, food and drink, beverages, drinks, halal food
sugar: sugar
cotton: cotton
rice: rice
wheat: wheat
tea: tea
coffee: coffee
tobacco: tobacco
forestry: forestry, timber, wood, wood processing, forest, forests, logging
furniture: furniture
paper: paper, pulp and paper
leather: leather, footwear, leather goods
sports goods: sports goods, sporting goods
machinery: machinery, engineering, industrial equipment
defence: defence, defense, arms
education: education, higher education, skills
retail: retail, retailing, supermarket, supermarkets
media: media, broadcasting, publishing, entertainment, advertising
manufacturing: manufacturing
"""

# Adjectival forms used when rewriting "technological advancement in X" as "X technology".
ADJECTIVE_OF = {
    "agriculture": "agricultural",
    "farming": "farming",
    "industry": "industrial",
    "education": "educational",
    "medicine": "medical",
    "health": "health",
    "healthcare": "healthcare",
    "finance": "financial",
    "energy": "energy",
    "manufacturing": "manufacturing",
    "transport": "transport",
    "defence": "defence",
    "mining": "mining",
    "textiles": "textile",
    "forestry": "forestry",
}

# Multi-word names with an inner "and" that must not be split as a list.
AND_COMPOUNDS = (
    "oil and gas",
    "iron and steel",
    "gems and jewellery",
    "food and beverages",
    "food and drink",
    "fruit and vegetables",
    "pulp and paper",
    "research and development",
    "science and technology",
    "information and communication technology",
    "information and communications technology",
    "mining and quarrying",
    "textiles and clothing",
    "leather and footwear",
    "transport and logistics",
    "oil & gas",
    "arts and crafts",
)

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "a couple of": 2, "a pair of": 2, "both": 2,
}

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}

# Government portfolios that follow "Minister for/of".
PORTFOLIOS = (
    "Commerce", "Trade", "Finance", "Industries", "Industry", "Production", "Foreign Affairs",
    "Economic Affairs", "Planning", "Development", "Energy", "Agriculture", "Economy",
    "Investment", "Defence", "Defense", "Interior", "Health", "Education", "Business", "Treasury",
    "Petroleum", "Power", "Water", "Foreign Trade", "International Trade", "Textiles",
    "Maritime Affairs", "Overseas Pakistanis", "Information", "Communications", "Privatisation",
    "Privatization", "Railways", "Science", "Technology", "Transport", "Tourism",
    "National Food Security", "Food Security", "Labour", "Justice", "Culture", "Environment",
    "Climate Change", "Revenue", "Economic Development", "Housing", "Natural Resources",
    "Mines", "Minerals", "Digital Economy", "Enterprise", "Employment", "State",
)

# Words that end a person-name scan or rule a name out.
NAME_STOPWORDS = frozenset(
    """
    The A An And But Or Of In On At For To From By With As If So Yet Still Now Then Also Meanwhile
    However Although Though While When Where Which Who Whose What Why How This That These Those It
    Its He She They We You I His Her Their Our Your My Mr Mrs Ms Dr Sir Last Next Earlier Later
    Separately Speaking Shares Analysts Sales Profits Figures Officials Reports Some Many Most All
    Both Each Such Other Another Several Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Inc Corp Corporation Ltd Plc Group Holdings Bank Banks Motors Airlines Airways Reserve Fund
    Commission Council Ministry Department Office Committee Board Exchange Securities Street House
    Party Union News Point Published General Agency Authority Association Federation Institute
    Company Companies Co Capital Partners Industries Services Systems Technologies Energy Oil Gas
    Times Journal Post Telegraph Index Market Markets Stock Stocks Trade Trading Business Chamber
    Minister Ministers President Chancellor Governor Secretary Chairman Chief Executive Director
    Government Parliament Congress Senate Court Prime State States Federal National International
    Central Royal University School Reuters Bloomberg BBC Dow Jones Nasdaq FTSE Nikkei Fed Treasury
    Airbus Boeing Microsoft Google Yahoo Sony Nokia Vodafone Toyota Nissan Honda Wal-Mart
    Said Says Told According Under Over After Before During Since Until Despite Because Its
    """.split()
)
