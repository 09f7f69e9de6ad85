// The help texts, in Dutch, for the whole command and each subcommand.

export const COMMANDS = [
  'demo',
  'import',
  'import-perioden',
  'export',
  'report',
  'verify',
  'intrekken',
  'verklaar',
] as const;
export type Command = (typeof COMMANDS)[number];

const STORE = `  --store STORE        de gebeurtenissenopslag (standaard pglite:./.zelfredzaam):
                         pglite:PAD            ingebedde PostgreSQL in een map (geen server nodig)
                         postgres://…          een PostgreSQL-server
                         esdb://…              een EventStoreDB-server (connection string)
                         memory:               in het geheugen (verdwijnt na de opdracht)
                       zonder --store: de omgevingsvariabele ZELFREDZAAM_STORE (houdt een
                       wachtwoord buiten de opdrachtregel)`;

const COMMON = `  --debug              toon bij een onverwachte fout de volledige stack trace
  --log json           stderr als één JSON-object per regel (weigeringen met regelnummer,
                       voortgang, samenvatting), voor een planner; standaard tekst
  -h, --help           deze hulp`;

const EXIT = `Afsluitcodes: 0 gelukt · 1 feiten geweigerd of controle mislukt · 2 verkeerd gebruik
(onbekende optie, ongeldige waarde, onleesbaar invoerbestand) · 3 andere fout (store onbereikbaar,
schrijffout, interne fout).`;

export const HELP: Readonly<Record<'algemeen' | Command, string>> = {
  algemeen: `zelfredzaam — cijfers over sociaal-economische zelfredzaamheid uit gebeurtenissen over
bijstandshuishoudens (MEETREGELS.md).

Gebruik: zelfredzaam <opdracht> [opties]

Opdrachten:
  demo             maak een voorbeeldgemeente (±4.000 bijstandshuishoudens, 2011–2016) en toon het
                   rapport 2012–2015
  import           lees gebeurtenissen uit een NDJSON-bestand in de store, via de levensloopregels
  import-perioden  lees perioden en inkomsten uit de CSV-export van een zaaksysteem (§10)
  export           schrijf alle gebeurtenissen uit de store als NDJSON
  report           de cijfers van een jaar of een reeks jaren (tabel, json, md, csv of html)
  verify           controleer de store tegen de levensloopregels en tel de feiten per soort en jaar
  intrekken        zet een onleesbaar opgeslagen feit apart (positie uit verify)
  verklaar         verantwoord elk cijfer: de huishoudens en feiten achter elke telling (§8)

Algemene opties:
${STORE}
${COMMON}
  --version            toon het versienummer

Voorbeelden:
  zelfredzaam demo
  zelfredzaam report --jaren 2012-2015
  zelfredzaam report --from gemeente.ndjson --jaar 2014 --format json
  zelfredzaam report --jaar 2014 --kennisdatum 2015-03-01 --vergelijk

Meer over een opdracht: zelfredzaam <opdracht> --help

${EXIT}
`,
  demo: `zelfredzaam demo — een voorbeeldgemeente, en het rapport 2012–2015

Gebruik: zelfredzaam demo [--seed N] [--huishoudens N] [--store STORE | --ndjson BESTAND | --perioden MAP]

Maakt deterministisch (zelfde seed, zelfde feiten) een gemeente ter grootte van Zwolle:
bijstandshuishoudens van 2011 tot en met 2016 met instroom, volledige uitstroom (loondienst,
onderneming, opleiding), terugval (ook via WW), inkomsten naast de bijstand, andere uitstroom,
late registraties en enkele ingetrokken registratiefouten; en (MEETREGELS §7) treden op de
participatieladder, trajecten (Workfast, VAK, Pauropus, Meedoen), plaatsingen, contacten 'in
beeld', minimaregelingen, schuldhulp en allianties met werkgevers. De feiten gaan via de
levensloopregels de store in; daarna volgt het rapport 2012–2015. Nog eens draaien met dezelfde
seed voegt niets toe.

Opties:
  --seed N             startwaarde van de toevalsgenerator, 0 … 4294967295 (standaard 1)
  --huishoudens N      bijstandshuishoudens bij de start, 1 … 2000000 (standaard 4000)
  --ndjson BESTAND     schrijf de feiten als NDJSON naar BESTAND in plaats van naar de store
                       (geen rapport); '-' is de standaarduitvoer
  --perioden MAP       schrijf de gemeente als maandelijkse exports van een zaaksysteem naar MAP
                       (perioden-JJJJ-MM-DD.csv, inkomsten-JJJJ-MM-DD.csv van januari tot
                       en met december 2015, met enkele later gecorrigeerde einddatums en
                       redenen, en redenen.yaml); in te lezen met import-perioden (geen rapport)
  --format FORMAAT     formaat van het rapport: table (standaard), json, md, csv, html
  --normen BESTAND     normen per indicator en jaar (zie zelfredzaam report --help)
${STORE}
${COMMON}

Voorbeelden:
  zelfredzaam demo
  zelfredzaam demo --seed 7 --huishoudens 10000 --store memory:
  zelfredzaam demo --ndjson demo.ndjson
  zelfredzaam demo --perioden exports/

${EXIT}
`,
  import: `zelfredzaam import — gebeurtenissen uit NDJSON in de store

Gebruik: zelfredzaam import BESTAND.ndjson [--store STORE] [--pseudonimiseer] [--max-regel-bytes N]
                          [--historisch] [--afleiding canoniek|oud]

Leest één gebeurtenis per regel (MEETREGELS §6; '-' leest de standaardinvoer). Elke regel gaat,
in de volgorde van het bestand, langs de levensloopregels (MEETREGELS §2), tegen wat de store
over het huishouden weet plus de regels ervoor die zijn geaccepteerd: wat past wordt vastgelegd,
wat niet past wordt geweigerd en met regelnummer en reden op de foutuitvoer gemeld; de regels
eromheen blijven. Opnieuw importeren van hetzelfde bestand voegt niets toe, ook niet als het
anders is opgemaakt (andere volgorde van velden, spaties). Een regel die de store zelf niet kan
bewaren, wordt met regelnummer geweigerd; de regels erna gaan door. Een recordedAt in de
toekomst wordt geweigerd, en een nieuw feit met een recordedAt vóór de laatste in de store ook
(het zou gepubliceerde cijfers met een kennisdatum achteraf veranderen), tenzij --historisch.

Opties:
${STORE}
  --historisch         migreer een hele geschiedenis: nieuwe feiten mogen een recordedAt hebben
                       vóór de laatste recordedAt in de store
  --afleiding oud      leid een ontbrekende eventId af zoals vóór versie 17 (uit de exacte bytes
                       van de regel) om een toen geïmporteerd bestand opnieuw te importeren
                       zonder verdubbeling; standaard canoniek (uit het gelezen feit)
  --pseudonimiseer     vervang huishouden, werkgever en trajectId door een pseudoniem
                       (HMAC-SHA-256 met de sleutel uit ${'$'}ZELFREDZAAM_PSEUDONIEM_SLEUTEL, minstens
                       32 tekens; bewaar die sleutel bij de gemeente), vóór de controle: zo komt
                       geen bron-id (ook geen BSN) in de store, een melding of een export
  --max-regel-bytes N  langste regel in bytes (standaard 1048576); een langere regel wordt
                       geweigerd zonder hem in het geheugen te houden
${COMMON}

Voorbeelden:
  zelfredzaam import gemeente-2015.ndjson --store postgres://gemeente@localhost/zelfredzaam
  ZELFREDZAAM_PSEUDONIEM_SLEUTEL=… zelfredzaam import bron.ndjson --pseudonimiseer

${EXIT} Afsluitcode 1 als er ook maar één regel is geweigerd; 3 als de store wegvalt (draai
dezelfde import dan opnieuw: wat al is vastgelegd, wordt niet dubbel vastgelegd).
`,
  'import-perioden': `zelfredzaam import-perioden — perioden uit een zaaksysteem (MEETREGELS §10)

Gebruik: zelfredzaam import-perioden PERIODEN.csv [--inkomsten INKOMSTEN.csv] --bron NAAM --peilmoment DATUM|TIJDSTIP [--redenen BESTAND] [--store STORE] [--pseudonimiseer]

Maakt van de maandelijkse export van een zaaksysteem feiten: het begin van een periode wordt
UitkeringGestart, het einde (met reden) InLoondienstGetreden, EigenOndernemingGestart,
OpleidingGestart of UitkeringBeeindigd, elke inkomstenrij (opgeteld per huishouden, maand en bron)
InkomstenOntvangen. Per huishouden in het bestand wordt vergeleken met wat de store van dezelfde
bron weet: wat niet meer volgt wordt ingetrokken ("correctie bronbestand NAAM PEILMOMENT"), wat
nieuw is toegevoegd, in één batch langs de levensloopregels. Huishoudens die niet in het bestand
staan blijven zoals ze zijn. Dezelfde export opnieuw importeren voegt niets toe; de exports op
volgorde importeren geeft een geschiedenis waarin report --kennisdatum PEILMOMENT het rapport van
die export geeft.

CSV: UTF-8 (met of zonder BOM), scheidingsteken , of ; (uit de kopregel), kolommen in elke
volgorde, onbekende kolommen genegeerd. Perioden: huishouden, begindatum, einddatum (leeg zolang
de periode loopt), reden (verplicht bij een einddatum), regeling (optioneel). Inkomsten:
huishouden, maand (JJJJ-MM), bron (loondienst of onderneming), bedrag (475, 475,50 of 475.50).
Datums als JJJJ-MM-DD of DD-MM-JJJJ.

Opties:
  --inkomsten BESTAND  CSV met inkomsten; zonder deze optie blijven inkomsten in de store staan
  --bron NAAM          naam van het bronsysteem (deel van elke eventId; 1–100 tekens)
  --peilmoment T       moment van de export: een datum (einde van die dag, Nederlandse tijd) of
                       een ISO-tijdstip; wordt de recordedAt van de feiten
  --redenen BESTAND    YAML of JSON met de redencodes van het zaaksysteem, bijvoorbeeld
                         UO01: loondienst
                         UO02: onderneming
                         VH: verhuizing
                       redenen: loondienst, onderneming, opleiding, verhuizing, overlijden,
                       andere-uitkering, detentie, partner-inkomen, overig
  --pseudonimiseer     vervang huishouden door een pseudoniem (zie import --help)
${STORE}
${COMMON}

Voorbeeld:
  zelfredzaam import-perioden perioden-2015-01.csv --inkomsten inkomsten-2015-01.csv \\
    --bron zaaksysteem --peilmoment 2015-01-31 --redenen redenen.yaml

${EXIT} Afsluitcode 1 als er een rij of huishouden is overgeslagen (elke melding: bestand, regel,
huishouden en reden).
`,
  export: `zelfredzaam export — alle gebeurtenissen uit de store als NDJSON

Gebruik: zelfredzaam export [BESTAND.ndjson] [--store STORE]

Schrijft elke gebeurtenis in de volgorde van vastleggen, met eventId en recordedAt (MEETREGELS
§6), naar BESTAND of naar de standaarduitvoer. Het resultaat kan weer worden geïmporteerd.

Opties:
${STORE}
${COMMON}

Voorbeeld:
  zelfredzaam export archief.ndjson

${EXIT}
`,
  report: `zelfredzaam report — de cijfers van een jaar of een reeks jaren

Gebruik: zelfredzaam report (--jaar JJJJ | --jaren VAN-TOT) [opties]

Per indicator de rijen van de gemeentelijke rapportages (MEETREGELS §9): Nulsituatie (gemeten:
het cijfer van het jaar ervoor; of opgegeven in --normen), Norm, Gerealiseerd en Behaald (ja,
nee of —), met de uitsplitsing eronder; na de uitstroomcijfers (§4) ook het verloop van het
bijstandsbestand (§4.8), participatie, trajecten per soort, plaatsingen, in beeld, langdurige
afhankelijkheid, minima, schuldhulp en allianties met werkgevers (§7), de bron van de cijfers en
een Verantwoording. Een jaar dat nog niet is begonnen staat er als Beoogd (alleen de normen);
wat de gemeente niet registreert staat er als n.b. Een store die niet bestaat of geen feiten
heeft wordt geweigerd (afsluitcode 1); report maakt nooit een store aan.

Bron:
${STORE}
  --from BESTAND       lees een NDJSON-bestand in het geheugen, via de levensloopregels, en
                       rapporteer over wat is geaccepteerd (geweigerde regels op de foutuitvoer)
  --pseudonimiseer     met --from: bron-ids vervangen door pseudoniemen (zie import --help)
  --max-regel-bytes N  met --from: langste regel in bytes (standaard 1048576)

Parameters (MEETREGELS §3):
  --jaar JJJJ          het verslagjaar
  --jaren VAN-TOT      een reeks verslagjaren, bijvoorbeeld 2012-2015 (één kolom per jaar)
  --peildatum DATUM    dag waarop de standen tellen (standaard het vroegste van 31 december van
                       het jaar en vandaag)
  --evaluatiedatum D   dag waarop het halfjaar na uitstroom wordt beoordeeld (standaard het
                       vroegste van 30 juni van het volgende jaar en vandaag)
  --meetdatum DATUM    meetdatum van het cohort (standaard de evaluatiedatum)
  --kennisdatum T      alleen wat op T bekend was: een datum (einde van die dag, Nederlandse
                       tijd) of een ISO-tijdstip (2015-03-01T12:00:00Z)
                       Elke datum mag ook +N zijn: N maanden na 31 december van het jaar (+6 =
                       30 juni erna); in een reeks per jaar. Een datum vóór 1 januari van het
                       jaar wordt geweigerd.
  --hervattingsgrens N langdurig afhankelijk (MEETREGELS §7.2): bijstandsperiodes met minder dan
                       N dagen zonder bijstand ertussen tellen als één (standaard 0: niet samenvoegen)
  --vergelijk          met --kennisdatum: elk cijfer zoals gepubliceerd op T, zoals nu bekend,
                       en het verschil (beide met de data van het rapport van die dag:
                       zonder --evaluatiedatum het vroegste van (J+1)-06-30 en T)

Uitvoer:
  --format FORMAAT     table (standaard), json (het JSON-object van MEETREGELS §5; een lijst
                       bij --jaren), md, csv, csv-nl (; en decimale komma), html (één
                       zelfstandige pagina met grafieken) of xlsx (werkmap; met --output)
  --met-verklaring     met --format html en één --jaar: elke telling klapt uit (HTML <details>,
                       geen scripts) tot haar leden met feiten en toelichting (MEETREGELS §8);
                       bij meer dan 1.000 leden de eerste 1.000 en de opdracht voor de rest
  --normen BESTAND     JSON of YAML met normen: een lijst van
                         - indicator: volledigeUitstroom   (zie hieronder)
                           jaar: 2014                      (of periode: 2015-2018)
                           waarde: 400                     (een aantal; € bij gemiddeldInkomen)
                           nulsituatie: {waarde: 390, jaar: 2013}   (optioneel)
                           toelichting: "…"                (optioneel)
                       aandeel: 0.12 voor een norm op het aandeel; richting: minimaal
                       (standaard), maximaal, toename of afname (zonder getal, tegen de
                       nulsituatie); cumulatief: true met een periode (de jaren opgeteld);
                       indexatie (MEETREGELS §4.6) in plaats van waarde:
                           indexatie: {basis: 475, indexOud: 100, indexNieuw: 102.1}
                       indicatoren: volledigeUitstroom, duurzaamheid (aandeel), cohort,
                       gedeeltelijkeUitstroom (aandeel), gemiddeldInkomen (euro),
                       bijstandsbestand; en van MEETREGELS §7: participatie (gestegen),
                       trajecten.SOORT (gestart, bijvoorbeeld trajecten.VAK),
                       plaatsingen.sroi, plaatsingen.afspraakbaan, plaatsingen.beschut-nieuw,
                       plaatsingen.banenplan (in het jaar), inBeeld (aandeel), langdurig,
                       minima, schuldhulp (aandeel minnelijk geslaagd), allianties (totaal)
  --output BESTAND     schrijf naar BESTAND in plaats van de standaarduitvoer
${COMMON}

CSV: komma's, punt als decimaalteken, aandelen als fractie, UTF-8 met BOM; csv-nl: puntkomma's,
decimale komma, aandelen als procent. Een tekstcel die
begint met =, +, -, @ of een tab krijgt een apostrof ervoor, zodat een spreadsheet hem niet als
formule uitvoert.

Voorbeelden:
  zelfredzaam report --jaar 2014
  zelfredzaam report --jaren 2012-2015 --normen normen.yaml --format html --output rapport.html
  zelfredzaam report --from gemeente.ndjson --jaar 2014 --format json
  zelfredzaam report --jaar 2014 --kennisdatum 2015-03-01 --vergelijk
  zelfredzaam report --jaren 2012-2015 --meetdatum +8 --kennisdatum +4 --format xlsx --output r.xlsx

${EXIT}
`,
  verify: `zelfredzaam verify — controleer de store

Gebruik: zelfredzaam verify [--store STORE] [--format table|json]

Speelt alle feiten per huishouden in volgorde van vastleggen opnieuw af langs de
levensloopregels (MEETREGELS §2) en meldt elk feit dat een regel breekt (dat hoort nooit voor te
komen: de store neemt alleen feiten aan die passen). Telt daarnaast de feiten per soort en jaar
(het jaar van de datum of maand; bij een intrekking het jaar van vastleggen).

Opties:
${STORE}
  --format FORMAAT     table (standaard) of json
${COMMON}

${EXIT} Afsluitcode 1 als er een schending is gevonden.
`,
  intrekken: `zelfredzaam intrekken — zet een onleesbaar opgeslagen feit apart

Gebruik: zelfredzaam intrekken --positie N [--store STORE]

Een opgeslagen feit dat niet meer te lezen is (bijvoorbeeld omdat een nieuwere versie een veld
strenger controleert) telt nergens mee; report, export en verify slaan het over en noemen zijn
positie. Deze opdracht haalt het uit de gebeurtenissen en bewaart het ongewijzigd, met de reden,
in de tabel set_aside van de store (PostgreSQL en PGlite). Geen cijfer verandert. Een leesbaar
feit wordt niet apart gezet: trek dat in met een GebeurtenisIngetrokken (via import).

Opties:
${STORE}
  --positie N          de positie van het onleesbare feit (zoals verify en export die noemen)
${COMMON}

${EXIT} Afsluitcode 1 als op die positie geen onleesbaar feit staat.
`,
  verklaar: `zelfredzaam verklaar — de leden achter elk cijfer (MEETREGELS §8)

Gebruik: zelfredzaam verklaar --jaar JJJJ [opties]

Voor dezelfde bron en parameters als een rapport: per cel (elke telling van het rapport, zoals
volledigeUitstroom.loondienst, duurzaamheid.teruggevallen of trajecten.VAK.gestart) de leden —
één per huishouden (of werkgever), per geteld feit, of per huishouden-maand — met de feiten
(eventIds) die het lidmaatschap bepalen en een toelichting met de data. Het aantal leden van een
cel is altijd de waarde in het rapport.

Bron:
${STORE}
  --from BESTAND       lees een NDJSON-bestand in het geheugen, via de levensloopregels
  --pseudonimiseer     met --from: bron-ids vervangen door pseudoniemen (zie import --help)
  --max-regel-bytes N  met --from: langste regel in bytes (standaard 1048576)

Parameters (MEETREGELS §3), als bij report:
  --jaar JJJJ, --peildatum DATUM, --evaluatiedatum DATUM, --meetdatum DATUM, --kennisdatum T,
  --hervattingsgrens N
  --vergelijk          met --kennisdatum T: per cel de leden erbij en eraf sinds T, elk met de
                       feiten van dat huishouden die na T zijn vastgelegd (intrekkingen ook);
                       erbij − eraf is het verschil van report --vergelijk

Keuze:
  --cel PAD            alleen deze cel (mag vaker); een onbekend pad geeft de lijst van geldige
  --huishouden ID      de tijdlijn van één huishouden (feiten in datumvolgorde met recordedAt;
                       ingetrokken en overgeslagen feiten gemarkeerd met de reden) en elke cel
                       waarin het telt, met de toelichting; onbekend huishouden: afsluitcode 1
  --werkgever ID       hetzelfde voor een werkgever (allianties)

Uitvoer:
  --format FORMAAT     json (standaard; met --huishouden: md), csv, md, html of xlsx (een werkmap,
                       rij voor rij geschreven; vraagt --output BESTAND.xlsx)
  --output BESTAND     schrijf naar een bestand in plaats van de standaarduitvoer

Voorbeelden:
  zelfredzaam verklaar --from gemeente.ndjson --jaar 2014 --cel cohort.aanHetWerk --format csv
  zelfredzaam verklaar --jaar 2014 --huishouden h-3619
  zelfredzaam verklaar --jaar 2014 --kennisdatum 2015-03-01 --vergelijk --format md

${COMMON}

${EXIT}
`,
};
