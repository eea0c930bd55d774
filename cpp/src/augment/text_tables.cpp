// The word tables behind text augmentation, written for RegLab and dedicated to the public domain
// (CC0). They cover the vocabulary of data/sentiment.csv (98 % of its words) and common review
// words. Format: "word: candidate candidate;" entries, candidates separated by spaces.
//   kSynonyms        205 review and sentiment words, each with 2–4 single-word synonyms (never
//                    the word itself), used by synonym replacement and random insertion.
//   kEnglishToFrench 567 English words, each with 1–3 French translations.
//   kFrenchToEnglish every French word used above, with 1–3 English translations; it contains
//                    each English word that maps to it, so a round trip can come back unchanged.
// Word-by-word translation ignores grammar (no elision or agreement); the point is a paraphrase
// that keeps the sentiment. Words whose round trip would flip the meaning (ever → jamais → never,
// any → aucun → no) or break the grammar (an, does, us) are left out and pass through unchanged.
//
// Each web module compiles this file itself (CMakeLists.txt): reglab.wasm holds the tables;
// reglab-core.wasm, compiled with REGLAB_ENGINE_CORE, holds only accessors that refuse in words
// naming the field that asked (the end of this file), so the linker leaves the tables and their
// parser out of the lab's first load. Random swap and deletion need no table and work in both.
#include "augment/text.h"

#ifndef REGLAB_ENGINE_CORE
#include <algorithm>
#include <cstring>

namespace reglab {

namespace {

const char* const kSynonyms = R"(
good: fine nice decent; great: excellent superb wonderful; bad: poor awful lousy;
terrible: awful dreadful horrible; excellent: outstanding superb great;
amazing: incredible astonishing stunning; wonderful: marvelous lovely delightful;
awful: terrible dreadful horrible; horrible: terrible awful dreadful;
boring: dull tedious uninteresting; dull: boring tedious bland; tedious: boring dull tiresome;
delicious: tasty yummy flavorful; tasty: delicious flavorful savory;
bland: tasteless flavorless plain; tasteless: bland flavorless; fast: quick speedy rapid;
quick: fast speedy rapid; quickly: fast rapidly swiftly; slow: sluggish leisurely;
late: delayed tardy; clean: spotless tidy neat; dirty: filthy grimy unclean;
rude: impolite disrespectful discourteous; friendly: kind welcoming pleasant;
helpful: useful supportive accommodating; unhelpful: useless unaccommodating;
useless: worthless pointless; happy: glad pleased delighted; glad: happy pleased;
unhappy: dissatisfied displeased; disappointed: dissatisfied displeased unhappy;
disappointing: underwhelming unsatisfying; sad: gloomy unhappy; love: adore like enjoy;
loved: adored liked enjoyed; enjoyed: liked loved relished; hate: dislike loathe detest;
hated: disliked loathed detested; disliked: hated loathed; beautiful: lovely gorgeous pretty;
lovely: beautiful charming delightful; gorgeous: stunning beautiful;
stunning: gorgeous striking breathtaking; ugly: unattractive hideous unsightly;
cheap: inexpensive budget; expensive: pricey costly; overpriced: pricey costly expensive;
comfortable: cozy comfy; uncomfortable: awkward painful; perfect: flawless ideal excellent;
perfectly: flawlessly ideally superbly; fresh: crisp new; stale: old dry; cold: chilly cool icy;
hot: warm heated; warm: cozy friendly; noisy: loud rowdy; loud: noisy deafening;
quiet: calm peaceful silent; funny: hilarious amusing witty; fun: enjoyable entertaining amusing;
entertaining: amusing enjoyable fun; exciting: thrilling gripping;
gripping: thrilling riveting exciting; brilliant: superb excellent outstanding;
fantastic: terrific fabulous superb; superb: excellent outstanding magnificent;
poor: weak inferior mediocre; weak: feeble poor; strong: powerful solid; powerful: strong mighty;
easy: simple effortless straightforward; simple: easy plain straightforward; hard: difficult tough;
confusing: unclear puzzling baffling; clear: plain obvious; broken: damaged faulty;
movie: film picture; film: movie picture; films: movies pictures; book: novel volume;
novel: book story; story: tale plot narrative; plot: story storyline; food: meal cuisine;
dinner: meal supper; dish: meal plate; restaurant: diner eatery bistro; hotel: inn lodge;
room: bedroom suite; rooms: bedrooms suites; staff: employees personnel crew;
waiter: server attendant; waitress: server hostess; waiters: servers attendants; price: cost charge;
prices: costs rates; money: cash funds; product: item article; item: product article;
purchase: buy acquisition; buy: purchase get; bought: purchased got; recommend: suggest endorse;
recommended: suggested endorsed; very: really extremely truly; really: truly very genuinely;
truly: really genuinely; complete: total utter; always: invariably constantly;
worst: poorest lousiest; best: finest greatest top; worse: poorer inferior; better: superior finer;
big: large huge; small: little tiny compact; tiny: small minuscule little; little: small tiny;
old: aged worn outdated; modern: contemporary stylish; pleasant: nice agreeable pleasing;
unpleasant: disagreeable nasty; nice: pleasant lovely good; kind: nice caring gentle;
smart: clever intelligent; clever: smart witty ingenious; stupid: dumb foolish silly;
silly: foolish daft goofy; lazy: careless sloppy; careless: sloppy negligent;
delightful: charming lovely pleasant; charming: delightful lovely enchanting;
moving: touching stirring; touching: moving poignant; honest: sincere genuine; fake: false phony;
reliable: dependable trustworthy; unreliable: undependable erratic; sturdy: solid robust;
solid: sturdy firm robust; flimsy: fragile weak; miserable: wretched dismal;
depressing: gloomy bleak; annoying: irritating bothersome; predictable: unoriginal formulaic;
creative: inventive original imaginative; impressive: remarkable striking; impressed: amazed struck;
generous: large ample; rich: deep full; sweet: sugary lovely; spicy: hot fiery;
juicy: succulent moist; tender: soft succulent; soggy: mushy soaked; greasy: oily fatty;
crispy: crunchy crisp; crisp: crunchy fresh; creamy: smooth velvety; flavor: taste seasoning;
taste: flavor savor; arrived: came appeared; wasted: squandered lost; waste: squander loss;
cozy: snug comfortable; spacious: roomy large; cramped: tight crowded;
relaxing: calming soothing restful; stressful: tense taxing; sorry: regretful apologetic;
angry: furious annoyed mad; fair: reasonable decent; reasonable: fair sensible;
ridiculous: absurd silly outrageous; crazy: absurd insane; bright: vivid brilliant;
dark: dim gloomy; dim: dark faint; sharp: crisp clear; blurry: fuzzy unclear; heavy: bulky weighty;
light: lightweight portable; attentive: thoughtful considerate; professional: competent skilled;
elegant: stylish graceful; stylish: elegant fashionable chic; tough: chewy hard;
burnt: charred scorched; watery: thin weak; awkward: clumsy uncomfortable; place: spot venue;
atmosphere: ambience mood vibe; evening: night dusk; disaster: catastrophe fiasco;
mess: shambles muddle; gem: treasure jewel; treat: delight pleasure; problem: issue trouble;
kids: children youngsters; people: folks individuals; friends: pals buddies; smile: grin beam;
laughed: chuckled giggled; job: work task;
)";

const char* const kEnglishToFrench = R"(
the: le la les; and: et; was: était; a: un une; is: est; this: ce cette; i: je; with: avec;
to: à pour; were: étaient; are: sont; movie: film; great: super génial excellent;
food: nourriture cuisine repas; staff: personnel équipe; room: chambre salle pièce; of: de;
film: film; our: notre nos; for: pour; in: dans en; my: mon ma mes; not: pas; very: très;
service: service; from: de depuis; hotel: hôtel; story: histoire récit; fast: rapide vite;
had: avait; never: jamais; made: fait; quality: qualité; slow: lent; boring: ennuyeux;
have: ai avons; no: aucun; price: prix; book: livre; it: il ça; restaurant: restaurant;
rude: impoli grossier; terrible: terrible affreux; clean: propre; bad: mauvais; perfect: parfait;
beautiful: beau magnifique joli; weak: faible; fresh: frais; every: chaque; prices: prix tarifs;
at: à chez; battery: batterie; acting: interprétation; dirty: sale; ending: fin dénouement;
awful: affreux horrible; excellent: excellent; arrived: arrivé; one: un une; music: musique;
am: suis; view: vue; wine: vin; breakfast: petit-déjeuner; watch: montre regarder; we: nous;
cold: froid; phone: téléphone portable; wonderful: merveilleux magnifique; best: meilleur;
worst: pire; full: plein; bread: pain; time: temps moment; stale: rassis; anyone: quiconque;
about: sur; hard: dur difficile; feels: semble; finish: finir; comfortable: confortable;
again: encore; poor: médiocre pauvre; high: élevé; waiter: serveur; soup: soupe potage; bland: fade;
me: moi; late: tard; dull: terne ennuyeux; amazing: incroyable étonnant; what: quel;
lovely: charmant adorable; coffee: café; purchase: achat; evening: soirée soir; easy: facile;
works: fonctionne marche; good: bon; care: soin; team: équipe; well: bien; quickly: rapidement vite;
on: sur; dinner: dîner; felt: semblait; bed: lit; product: produit; cast: distribution;
recommend: recommande conseille; funny: drôle amusant; than: que; that: qui; old: vieux ancien;
delivery: livraison; even: même; looks: semble paraît; by: par;
performance: interprétation performance; rooms: chambres; delicious: délicieux savoureux;
start: début; all: tout tous; after: après; friendly: aimable sympathique; helpful: serviable;
kids: enfants gamins; half: moitié; flavor: saveur goût; sound: son; feel: sentir; light: léger;
warm: chaleureux chaud; welcome: accueil; rich: riche; takes: prend; sharp: net;
bright: lumineux vif; fun: amusant; whole: entier; dry: sec; tasteless: insipide;
place: endroit lieu; if: si; dish: plat; quiet: calme tranquille; noisy: bruyant; first: premier;
uncomfortable: inconfortable; unpleasant: désagréable; fantastic: fantastique formidable;
job: travail; real: vrai véritable; soggy: détrempé mou; worth: vaut; money: argent;
perfectly: parfaitement; design: design conception; better: meilleur mieux; worse: pire;
lazy: paresseux; tasted: goûté; heavy: lourd; loud: bruyant; silly: idiot bête; could: pouvais;
early: tôt; lasts: dure; day: jour journée; dies: meurt; unhelpful: inutile;
brilliant: brillant génial; pizza: pizza; buy: acheter; plot: intrigue scénario;
clever: astucieux malin; fair: juste honnête; kind: gentil aimable; too: trop; long: long;
box: boîte carton; headphones: casque écouteurs; broke: cassé; week: semaine;
moving: émouvant touchant; actors: acteurs comédiens; here: ici; happy: heureux content ravi;
camera: appareil caméra; pictures: photos images; dessert: dessert; sweet: doux sucré;
setup: installation; confusing: déroutant confus; recommended: recommandé; chef: chef cuisinier;
clearly: clairement; laptop: ordinateur; customer: client; support: assistance; portions: portions;
overpriced: cher; shoes: chaussures; exciting: passionnant excitant; everything: tout;
pleasant: agréable plaisant; sauce: sauce; pasta: pâtes; enjoyed: apprécié aimé; minute: minute;
show: spectacle émission série; blender: mixeur; powerful: puissant; director: réalisateur;
complete: complet total; screen: écran; colors: couleurs; dim: sombre faible; out: dehors;
characters: personnages; honest: honnête sincère; slept: dormi; people: gens; salad: salade;
tasty: savoureux bon; exactly: exactement; promises: promet; steak: steak; cooked: cuit cuisiné;
solid: solide; nice: agréable joli sympa; ugly: laid moche; smart: intelligent malin; pool: piscine;
come: venir; back: retour; painful: pénible douloureux; burgers: hamburgers; fries: frites;
touching: touchant émouvant; told: raconté; item: article objet; as: comme; described: décrit;
hosts: hôtes; unwelcome: indésirable; script: scénario; year: an année; noodles: nouilles;
broth: bouillon; watery: aqueux dilué; game: jeu; learn: apprendre; disappoints: déçoit;
keyboard: clavier; street: rue; busy: animé occupé; second: second deuxième; waitress: serveuse;
wrong: mauvais faux; jacket: veste blouson; read: lecture lire; help: aider; cake: gâteau;
stay: séjour; relaxing: reposant relaxant; tea: thé; cookies: biscuits; simple: simple;
use: utiliser; reliable: fiable; unreliable: défaillant; lead: principal; actor: acteur comédien;
buffet: buffet; everyone: chacun; empty: vide; love: adore aime; how: comment;
speaker: enceinte haut-parleur; pacing: rythme; bored: ennuyé; chicken: poulet;
app: application appli; keeps: continue; truly: vraiment; novel: roman; order: commande;
ordered: commandé; stopped: arrêté; special: spéciaux; effects: effets; bought: acheté;
location: emplacement situation; curry: curry; chair: chaise fauteuil; author: auteur écrivain;
writes: écrit; humor: humour; warmth: chaleur; gave: donné; printer: imprimante; install: installer;
songs: chansons; dancing: danse; forgettable: oubliable; front: devant; desk: réception bureau;
seafood: fruits-de-mer; give: donner; stars: étoiles; comedy: comédie;
atmosphere: ambiance atmosphère; cozy: douillet; instructions: instructions consignes; tacos: tacos;
page: page; spa: spa; toy: jouet; message: message; bakery: boulangerie; sells: vend;
mattress: matelas; jokes: blagues plaisanteries; value: valeur; ice: glace; cream: crème;
moment: moment instant; sequel: suite; original: original; knife: couteau; waiters: serveurs;
but: mais; pushy: insistant; lamp: lampe; bike: vélo; really: vraiment; so: aussi;
wife: femme épouse; case: étui coque; garden: jardin; lasagna: lasagnes; thriller: thriller polar;
twist: rebondissement; list: liste carte; surprisingly: étonnamment; maker: machine;
desserts: desserts; films: films; seen: vu; years: ans années; cleaning: ménage nettoyage;
both: deux; charm: charme; came: venu arrivé; shot: filmé tourné; gift: cadeau; tablet: tablette;
loved: adoré aimé; hated: détesté; left: parti; few: quelques; hours: heures; smelled: sentait;
happily: volontiers; sense: sens; patient: patient; ignored: ignoré; hour: heure; hot: chaud;
salty: salé; kept: gardé; reading: lecture lire; into: dans; night: nuit; far: beaucoup;
shipping: expédition envoi; quick: rapide; shape: état forme; package: colis paquet;
damaged: abîmé endommagé; predictable: prévisible; superb: superbe; annoying: agaçant énervant;
smooth: onctueux doux; bitter: amer; disappointed: déçu; dark: sombre; blurry: flou;
family: famille; wasted: gâché perdu; simply: simplement; worked: marché fonctionné;
stunning: splendide magnifique; brick: brique; wall: mur; highly: vivement; who: qui;
loves: aime adore; avoid: évitez; you: vous; cares: soucie; laughed: ri; scene: scène;
last: dernier; laugh: rire; once: fois; during: pendant; low: bas; generous: généreux copieux;
tiny: minuscule; solved: résolu; problem: problème; minutes: minutes; answered: répondu;
emails: courriels mails; charming: charmant; little: petit; fell: tombé; surprises: surprises;
holes: trous; regret: regrette; spent: passé; treat: régal; disaster: désastre catastrophe;
favorite: préféré favori; look: air; washed: délavé; fake: faux artificiel; flat: fade;
soft: doux moelleux; barely: guère; crisp: croquant; wilted: fané flétri; penny: centime sou;
waste: gaspillage perte; smile: sourire; angry: fâché furieux; do: faire; strong: fort solide;
friends: amis; tough: dur coriace; burnt: brûlé; build: fabrication construction;
plastic: plastique; stupid: stupide bête; definitely: certainement absolument; juicy: juteux;
crispy: croustillant; greasy: gras; without: sans; home: maison; always: toujours; type: taper;
keys: touches; stick: collent; brought: apporté; stylish: élégant chic; thin: mince fin;
satisfying: satisfaisant; frustrating: frustrant; went: allé; their: leur; way: chemin;
refused: refusé; moist: moelleux; impressed: impressionné; shocked: choqué; stressful: stressant;
fragrant: parfumé; sad: triste; small: petit; hate: déteste; big: grand gros;
professional: professionnel; unprofessional: amateur; tender: tendre; seasoned: assaisonné;
charges: charge; forever: éternellement; charge: charger; heartwarming: réconfortant;
depressing: déprimant; spacious: spacieux; cramped: exigu étroit; reasonable: raisonnable;
ridiculous: ridicule; crashing: planter; remembered: souvenu; names: noms; careless: négligent;
forgot: oublié; disappointing: décevant; elegant: élégant; month: mois;
miserable: misérable lamentable; impressive: impressionnant; glad: content heureux; sorry: désolé;
ideal: idéal; spicy: épicé relevé; taste: goût; gem: bijou joyau perle; mess: désordre gâchis;
sturdy: robuste solide; wobbly: bancal; or: ou; advice: conseil; menu: menu carte; prints: imprime;
jams: bloque; constantly: constamment; catchy: entraînant; awkward: maladroit gênant; sick: malade;
ten: dix; zero: zéro; entertaining: divertissant; romantic: romantique; clear: clair;
useless: inutile; expensive: cher coûteux; gripping: captivant prenant; important: important;
croissants: croissants; town: ville; firm: ferme; lumpy: bosselé; creamy: crémeux onctueux;
icy: glacé; hand: main; flimsy: fragile; attentive: attentionné attentif; rainy: pluvieux;
working: fonctionner; dishonest: malhonnête; varied: varié; rides: roule; smoothly: doucement;
brakes: freins; squeak: grincent; stayed: resté; still: toujours encore; disliked: détesté;
fits: va; protects: protège; fit: aller; scratches: raye; obvious: évident; broken: cassé;
work: marche fonctionne; crazy: fou dingue; leaks: fuit; creative: créatif; cleaned: nettoyé;
unhappy: mécontent; delightful: ravissant charmant; tedious: fastidieux;
beautifully: magnifiquement; badly: mal; modern: moderne; natural: naturel; stiff: raide;
horrible: horrible; cheap: bon-marché; overcooked: trop-cuit;
)";

const char* const kFrenchToEnglish = R"(
le: the; la: the; les: the; et: and; était: was; un: a one; une: a one; est: is; ce: this;
cette: this; je: i; avec: with; à: to at; pour: to for; étaient: were; sont: are; film: movie film;
super: great super; génial: great brilliant; excellent: great excellent; nourriture: food;
cuisine: food cooking cuisine; repas: food meal; personnel: staff personnel employees;
équipe: staff team; chambre: room; salle: room; pièce: room; de: of from; notre: our; nos: our;
dans: in into; en: in; mon: my; ma: my; mes: my; pas: not; très: very; service: service;
depuis: from; hôtel: hotel; histoire: story tale; récit: story narrative; rapide: fast quick;
vite: fast quickly; avait: had; jamais: never; fait: made; qualité: quality; lent: slow;
ennuyeux: boring dull; ai: have; avons: have; aucun: no; prix: price prices; livre: book; il: it;
ça: it; restaurant: restaurant; impoli: rude impolite; grossier: rude crude; terrible: terrible;
affreux: terrible awful dreadful; propre: clean tidy; mauvais: bad wrong; parfait: perfect flawless;
beau: beautiful; magnifique: beautiful wonderful stunning; joli: beautiful nice; faible: weak dim;
frais: fresh; chaque: every; tarifs: prices; chez: at; batterie: battery;
interprétation: acting performance; sale: dirty filthy; fin: ending thin; dénouement: ending;
horrible: awful horrible; arrivé: arrived came; musique: music; suis: am; vue: view; vin: wine;
petit-déjeuner: breakfast; montre: watch; regarder: watch; nous: we; froid: cold; téléphone: phone;
portable: phone; merveilleux: wonderful marvelous; meilleur: best better; pire: worst worse;
plein: full; pain: bread; temps: time; moment: time moment; rassis: stale; quiconque: anyone;
sur: about on; dur: hard tough; difficile: hard; semble: feels looks; finir: finish;
confortable: comfortable cozy; encore: again still; médiocre: poor mediocre; pauvre: poor;
élevé: high; serveur: waiter; soupe: soup; potage: soup; fade: bland flat; moi: me; tard: late;
terne: dull; incroyable: amazing incredible; étonnant: amazing; quel: what;
charmant: lovely charming delightful; adorable: lovely; café: coffee; achat: purchase;
soirée: evening; soir: evening; facile: easy simple; fonctionne: works work; marche: works work;
bon: good tasty; soin: care; bien: well; rapidement: quickly; dîner: dinner; semblait: felt;
lit: bed; produit: product; distribution: cast; recommande: recommend; conseille: recommend;
drôle: funny amusing; amusant: funny fun; que: than; qui: that who; vieux: old; ancien: old;
livraison: delivery; même: even; paraît: looks; par: by; performance: performance; chambres: rooms;
délicieux: delicious; savoureux: delicious tasty; début: start; tout: all everything; tous: all;
après: after; aimable: friendly kind; sympathique: friendly nice; serviable: helpful obliging;
enfants: kids; gamins: kids; moitié: half; saveur: flavor; goût: flavor taste; son: sound;
sentir: feel; léger: light; chaleureux: warm; chaud: warm hot; accueil: welcome; riche: rich;
prend: takes; net: sharp; lumineux: bright; vif: bright; entier: whole; sec: dry;
insipide: tasteless flavorless; endroit: place spot; lieu: place venue; si: if; plat: dish;
calme: quiet; tranquille: quiet; bruyant: noisy loud; premier: first; inconfortable: uncomfortable;
désagréable: unpleasant; fantastique: fantastic; formidable: fantastic terrific; travail: job;
vrai: real; véritable: real; détrempé: soggy; mou: soggy; vaut: worth; argent: money;
parfaitement: perfectly; design: design; conception: design; mieux: better; paresseux: lazy;
goûté: tasted; lourd: heavy; idiot: silly; bête: silly stupid; pouvais: could; tôt: early;
dure: lasts; jour: day; journée: day; meurt: dies; inutile: unhelpful useless; brillant: brilliant;
pizza: pizza; acheter: buy; intrigue: plot; scénario: plot script; astucieux: clever;
malin: clever smart; juste: fair; honnête: fair honest; gentil: kind; trop: too; long: long;
boîte: box; carton: box; casque: headphones; écouteurs: headphones; cassé: broke broken;
semaine: week; émouvant: moving touching; touchant: moving touching; acteurs: actors;
comédiens: actors; ici: here; heureux: happy glad; content: happy glad; ravi: happy delighted;
appareil: camera; caméra: camera; photos: pictures; images: pictures; dessert: dessert;
doux: sweet smooth soft; sucré: sweet; installation: setup; déroutant: confusing; confus: confusing;
recommandé: recommended; chef: chef; cuisinier: chef; clairement: clearly; ordinateur: laptop;
client: customer; assistance: support; portions: portions; cher: overpriced expensive;
chaussures: shoes; passionnant: exciting; excitant: exciting; agréable: pleasant nice;
plaisant: pleasant; sauce: sauce; pâtes: pasta; apprécié: enjoyed; aimé: enjoyed loved;
minute: minute; spectacle: show; émission: show; série: show; mixeur: blender; puissant: powerful;
réalisateur: director; complet: complete; total: complete; écran: screen; couleurs: colors;
sombre: dim dark; dehors: out; personnages: characters; sincère: honest; dormi: slept; gens: people;
salade: salad; exactement: exactly; promet: promises; steak: steak; cuit: cooked; cuisiné: cooked;
solide: solid strong sturdy; sympa: nice; laid: ugly; moche: ugly; intelligent: smart;
piscine: pool; venir: come; retour: back; pénible: painful; douloureux: painful;
hamburgers: burgers; frites: fries; raconté: told; article: item; objet: item; comme: as;
décrit: described; hôtes: hosts; indésirable: unwelcome; an: year; année: year; nouilles: noodles;
bouillon: broth; aqueux: watery; dilué: watery; jeu: game; apprendre: learn; déçoit: disappoints;
clavier: keyboard; rue: street; animé: busy; occupé: busy; second: second; deuxième: second;
serveuse: waitress; faux: wrong fake; veste: jacket; blouson: jacket; lecture: read reading;
lire: read reading; aider: help; gâteau: cake; séjour: stay; reposant: relaxing; relaxant: relaxing;
thé: tea; biscuits: cookies; simple: simple; utiliser: use; fiable: reliable;
défaillant: unreliable; principal: lead; acteur: actor; comédien: actor; buffet: buffet;
chacun: everyone; vide: empty; adore: love loves; aime: love loves; comment: how; enceinte: speaker;
haut-parleur: speaker; rythme: pacing; ennuyé: bored; poulet: chicken; application: app; appli: app;
continue: keeps; vraiment: truly really; roman: novel; commande: order; commandé: ordered;
arrêté: stopped; spéciaux: special; effets: effects; acheté: bought; emplacement: location;
situation: location; curry: curry; chaise: chair; fauteuil: chair; auteur: author; écrivain: author;
écrit: writes; humour: humor; chaleur: warmth; donné: gave; imprimante: printer; installer: install;
chansons: songs; danse: dancing; oubliable: forgettable; devant: front; réception: desk;
bureau: desk; fruits-de-mer: seafood; donner: give; étoiles: stars; comédie: comedy;
ambiance: atmosphere; atmosphère: atmosphere; douillet: cozy; instructions: instructions;
consignes: instructions; tacos: tacos; page: page; spa: spa; jouet: toy; message: message;
boulangerie: bakery; vend: sells; matelas: mattress; blagues: jokes; plaisanteries: jokes;
valeur: value; glace: ice; crème: cream; instant: moment; suite: sequel; original: original;
couteau: knife; serveurs: waiters; mais: but; insistant: pushy; lampe: lamp; vélo: bike; aussi: so;
femme: wife; épouse: wife; étui: case; coque: case; jardin: garden; lasagnes: lasagna;
thriller: thriller; polar: thriller; rebondissement: twist; liste: list; carte: list menu;
étonnamment: surprisingly; machine: maker; desserts: desserts; films: films; vu: seen; ans: years;
années: years; ménage: cleaning; nettoyage: cleaning; deux: both; charme: charm; venu: came;
filmé: shot; tourné: shot; cadeau: gift; tablette: tablet; adoré: loved; détesté: hated disliked;
parti: left; quelques: few; heures: hours; sentait: smelled; volontiers: happily; sens: sense;
patient: patient; ignoré: ignored; heure: hour; salé: salty; gardé: kept; nuit: night;
beaucoup: far; expédition: shipping; envoi: shipping; état: shape; forme: shape; colis: package;
paquet: package; abîmé: damaged; endommagé: damaged; prévisible: predictable;
superbe: superb gorgeous; agaçant: annoying; énervant: annoying; onctueux: smooth creamy;
amer: bitter; déçu: disappointed; flou: blurry; famille: family; gâché: wasted; perdu: wasted;
simplement: simply; marché: worked; fonctionné: worked; splendide: stunning; brique: brick;
mur: wall; vivement: highly; évitez: avoid; vous: you; soucie: cares; ri: laughed; scène: scene;
dernier: last; rire: laugh; fois: once; pendant: during; bas: low; généreux: generous;
copieux: generous; minuscule: tiny; résolu: solved; problème: problem; minutes: minutes;
répondu: answered; courriels: emails; mails: emails; petit: little small; tombé: fell;
surprises: surprises; trous: holes; regrette: regret; passé: spent; régal: treat;
désastre: disaster; catastrophe: disaster; préféré: favorite; favori: favorite; air: look;
délavé: washed; artificiel: fake; moelleux: soft moist; guère: barely; croquant: crisp;
fané: wilted; flétri: wilted; centime: penny; sou: penny; gaspillage: waste; perte: waste;
sourire: smile; fâché: angry; furieux: angry; faire: do; fort: strong; amis: friends;
coriace: tough; brûlé: burnt; fabrication: build; construction: build; plastique: plastic;
stupide: stupid; certainement: definitely; absolument: definitely; juteux: juicy;
croustillant: crispy; gras: greasy; sans: without; maison: home; toujours: always still;
taper: type; touches: keys; collent: stick; apporté: brought; élégant: stylish elegant;
chic: stylish; mince: thin; satisfaisant: satisfying; frustrant: frustrating; allé: went;
leur: their; chemin: way; refusé: refused; impressionné: impressed; choqué: shocked;
stressant: stressful; parfumé: fragrant; triste: sad; déteste: hate; grand: big; gros: big;
professionnel: professional; amateur: unprofessional; tendre: tender; assaisonné: seasoned;
charge: charges; éternellement: forever; charger: charge; réconfortant: heartwarming;
déprimant: depressing; spacieux: spacious; exigu: cramped; étroit: cramped; raisonnable: reasonable;
ridicule: ridiculous absurd; planter: crashing; souvenu: remembered; noms: names;
négligent: careless; oublié: forgot; décevant: disappointing underwhelming; mois: month;
misérable: miserable; lamentable: miserable pathetic; impressionnant: impressive; désolé: sorry;
idéal: ideal; épicé: spicy; relevé: spicy; bijou: gem; joyau: gem; perle: gem; désordre: mess;
gâchis: mess; robuste: sturdy; bancal: wobbly; ou: or; conseil: advice; menu: menu; imprime: prints;
bloque: jams; constamment: constantly; entraînant: catchy; maladroit: awkward; gênant: awkward;
malade: sick; dix: ten; zéro: zero; divertissant: entertaining; romantique: romantic; clair: clear;
coûteux: expensive costly; captivant: gripping captivating; prenant: gripping; important: important;
croissants: croissants; ville: town; ferme: firm; bosselé: lumpy; crémeux: creamy; glacé: icy;
main: hand; fragile: flimsy; attentionné: attentive; attentif: attentive; pluvieux: rainy;
fonctionner: working; malhonnête: dishonest; varié: varied; roule: rides; doucement: smoothly;
freins: brakes; grincent: squeak; resté: stayed; va: fits; protège: protects; aller: fit;
raye: scratches; évident: obvious; fou: crazy; dingue: crazy; fuit: leaks; créatif: creative;
nettoyé: cleaned; mécontent: unhappy; ravissant: delightful lovely; fastidieux: tedious;
magnifiquement: beautifully; mal: badly; moderne: modern; naturel: natural; raide: stiff;
bon-marché: cheap inexpensive; trop-cuit: overcooked;
)";

// The characters `std::istream >> std::string` skips in the C locale.
bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Splits [begin, end) at whitespace.
std::vector<std::string> split_words(const char* begin, const char* end) {
  std::vector<std::string> words;
  const char* p = begin;
  while (p < end) {
    while (p < end && is_space(*p)) ++p;
    const char* start = p;
    while (p < end && !is_space(*p)) ++p;
    if (p > start) words.emplace_back(start, p);
  }
  return words;
}

// Parses "key: candidate candidate;" entries; an entry without a colon is skipped. Hand-written
// rather than with string streams, which would pull iostreams and locales into the wasm module.
WordMap parse_table(const char* text) {
  WordMap table;
  const char* end = text + std::strlen(text);
  for (const char* entry = text; entry < end;) {
    const char* entry_end = std::find(entry, end, ';');
    const char* colon = std::find(entry, entry_end, ':');
    if (colon != entry_end) {
      std::vector<std::string> key = split_words(entry, colon);
      std::vector<std::string>& candidates = table[key.empty() ? std::string() : key[0]];
      for (std::string& word : split_words(colon + 1, entry_end)) candidates.push_back(std::move(word));
    }
    entry = entry_end + (entry_end < end ? 1 : 0);
  }
  return table;
}

}  // namespace

const WordMap& synonym_table(const char*) {
  static const WordMap table = parse_table(kSynonyms);
  return table;
}

const WordMap& english_to_french(const char*) {
  static const WordMap table = parse_table(kEnglishToFrench);
  return table;
}

const WordMap& french_to_english(const char*) {
  static const WordMap table = parse_table(kFrenchToEnglish);
  return table;
}

}  // namespace reglab

#else  // REGLAB_ENGINE_CORE: the core wasm module, without the tables
#include "reglab/error.h"

namespace reglab {

namespace {
[[noreturn]] void refuse_without_tables(const char* field) {
  throw Error(field, "synonym replacement, random insertion and back-translation need the word tables, which are in "
                     "the full engine module (reglab.wasm), not in reglab-core.wasm");
}
}  // namespace

const WordMap& synonym_table(const char* field) { refuse_without_tables(field); }
const WordMap& english_to_french(const char* field) { refuse_without_tables(field); }
const WordMap& french_to_english(const char* field) { refuse_without_tables(field); }

}  // namespace reglab
#endif
