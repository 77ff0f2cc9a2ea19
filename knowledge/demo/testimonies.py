"""Demo field testimonies ("remontées de terrain"): anonymised, consent recorded for each one.

Spread on purpose over the nine territories, the four dispositifs, the three seniority bands and
the themes, so that every listing filter and search facet has something to show.
"""

import datetime


def _testimony(slug, title, quote, context, role, territory, dispositif, seniority, collected,
               themes, steps, summary=""):  # fmt: skip
    return {
        "slug": slug,
        "title": title,
        "summary": summary or quote.split(". ")[0].rstrip(".") + ".",
        "quote": quote,
        "context": context,
        "speaker_role": role,
        "territory": territory,
        "dispositif": dispositif,
        "seniority": seniority,
        "collected_on": collected,
        # Consent is recorded a few days after the interview, once the person has reread the quote.
        "consent_date": collected + datetime.timedelta(days=7),
        "themes": themes,
        "project_steps": steps,
    }


D = datetime.date

TESTIMONIES = [
    _testimony(
        "faire-tenir-ensemble",
        "Coordonner, c'est faire tenir ensemble",
        "Je me vois comme le liant du territoire : chacun arrive avec ses missions, ses "
        "contraintes et son vocabulaire, et mon travail consiste à faire en sorte que tout cela "
        "avance dans le même sens. Quand je m'absente trois semaines, les réunions continuent, mais plus "
        "personne ne fait le lien entre elles.",
        "<p>Coordinatrice d'un atelier santé ville depuis six ans dans une ville de petite "
        "couronne, elle décrit la part invisible de la coordination : relancer, traduire, "
        "rapprocher des acteurs qui ne se connaissent pas.</p>",
        "Coordinatrice ASV",
        "seine-saint-denis",
        "asv",
        "4plus",
        D(2025, 11, 4),
        ["partenariats-et-reseau", "methodes-et-outils"],
        ["animation-du-reseau"],
    ),
    _testimony(
        "trois-mois-pour-comprendre-le-jargon",
        "Trois mois pour comprendre le jargon",
        "Les premières semaines, je notais tous les sigles entendus en réunion sur un carnet et "
        "je les cherchais le soir : PRAPS, CPTS, PTSM, DD ARS… Personne n'avait le temps de "
        "m'expliquer. Un glossaire partagé dès l'arrivée m'aurait fait gagner un temps fou.",
        "<p>Arrivé sur son poste après une reconversion depuis l'éducation populaire, ce "
        "coordinateur raconte sa découverte du vocabulaire institutionnel de la santé "
        "publique.</p>",
        "Coordinateur CLS",
        "seine-et-marne",
        "cls",
        "lt1",
        D(2026, 1, 15),
        ["methodes-et-outils"],
        ["prise-de-poste"],
    ),
    _testimony(
        "des-stands-qui-touchent-les-convaincus",
        "Des stands qui ne touchent que les convaincus",
        "Décliner chaque mois une campagne nationale de prévention, avec un stand dans le hall "
        "de la mairie, c'est beaucoup d'énergie pour toucher des personnes déjà informées. J'ai "
        "proposé aux élus de choisir un seul sujet par an et de le travailler à fond avec les "
        "habitants : c'est plus lent, mais on voit enfin des effets.",
        "<p>Coordinatrice dans le Val-de-Marne, elle a fait évoluer le programme de son ASV d'une "
        "logique événementielle vers une démarche de promotion de la santé dans la durée.</p>",
        "Coordinatrice ASV",
        "val-de-marne",
        "asv",
        "4plus",
        D(2025, 9, 23),
        ["prevention-promotion-sante", "gouvernance-et-elus"],
        ["plan-d-action"],
    ),
    _testimony(
        "la-participation-on-ne-sait-pas-comment",
        "Associer les habitants, oui, mais comment ?",
        "Dans toutes les journées d'échange, on nous répète qu'il faut associer les habitants. "
        "Rarement comment. Chez nous, ce qui a changé la donne, c'est d'aller aux réunions de "
        "l'amicale de locataires plutôt que de les inviter aux nôtres, et de revenir leur dire "
        "ce qu'on avait fait de leurs idées.",
        "<p>Ce coordinateur d'un atelier santé ville du Val-d'Oise a relancé la participation des "
        "habitants après un diagnostic où seuls les professionnels s'étaient exprimés.</p>",
        "Coordinateur ASV",
        "val-d-oise",
        "asv",
        "1to3",
        D(2026, 2, 10),
        ["participation-des-habitants"],
        ["participation-des-habitants", "diagnostic"],
    ),
    _testimony(
        "soixante-actions-et-pas-de-recul",
        "Soixante actions par an, et pas une heure pour réfléchir",
        "On me demande des chiffres : nombre d'actions, nombre de participants. Si je lève le "
        "pied pour prendre du recul et préparer l'évaluation, les indicateurs baissent et je "
        "dois me justifier. J'ai fini par négocier avec ma direction deux demi-journées par mois "
        "sans aucune action programmée.",
        "<p>Témoignage recueilli lors d'un webinaire régional d'échange entre pairs consacré à "
        "l'évaluation.</p>",
        "Coordinatrice CLS",
        "essonne",
        "cls",
        "4plus",
        D(2025, 6, 17),
        ["methodes-et-outils", "gouvernance-et-elus"],
        ["evaluation"],
    ),
    _testimony(
        "le-clsm-desamorce-les-situations",
        "Le CLSM désamorce des situations avant la crise",
        "La cellule de situations complexes du conseil local de santé mentale a tout changé. "
        "Avant, le bailleur, le CMP et le CCAS découvraient chacun de leur côté qu'un locataire "
        "allait mal, souvent trop tard. Maintenant on se réunit une fois par mois, dans le "
        "respect du secret partagé, et on agit avant l'expulsion ou l'hospitalisation.",
        "<p>Coordinatrice d'un conseil local de santé mentale dans les Hauts-de-Seine, elle a mis "
        "en place une instance de concertation sur les situations individuelles complexes.</p>",
        "Coordinatrice CLSM",
        "hauts-de-seine",
        "clsm",
        "4plus",
        D(2025, 10, 2),
        ["sante-mentale", "partenariats-et-reseau"],
        ["animation-du-reseau"],
    ),
    _testimony(
        "premier-comite-de-pilotage",
        "Mon premier comité de pilotage",
        "J'ai préparé mon premier comité de pilotage comme un examen, avec quarante diapositives. "
        "Les élus ont décroché au bout de dix minutes. Aujourd'hui je viens avec trois messages, "
        "une carte du territoire et une décision à prendre, et la discussion est bien plus riche.",
        "<p>Coordinatrice d'un contrat local de santé en Seine-Saint-Denis, deux ans après sa "
        "prise de poste.</p>",
        "Coordinatrice CLS",
        "seine-saint-denis",
        "cls",
        "1to3",
        D(2026, 3, 5),
        ["gouvernance-et-elus"],
        ["prise-de-poste", "plan-d-action"],
    ),
    _testimony(
        "seule-sur-un-territoire-rural",
        "Seule sur un territoire rural",
        "Sur une communauté de communes de trente villages, il n'y a ni CMP ni PMI à moins de "
        "vingt kilomètres. L'accès aux soins, ici, c'est d'abord une question de transport. "
        "Je passe beaucoup de temps sur la route, mais c'est en allant dans chaque mairie que "
        "j'ai construit le réseau.",
        "<p>Coordinatrice d'un contrat local de santé intercommunal en Seine-et-Marne, arrivée "
        "depuis moins d'un an.</p>",
        "Coordinatrice CLS",
        "seine-et-marne",
        "cls",
        "lt1",
        D(2026, 4, 8),
        ["acces-aux-soins", "partenariats-et-reseau"],
        ["prise-de-poste", "animation-du-reseau"],
    ),
    _testimony(
        "la-mediatrice-ouvre-les-portes",
        "La médiatrice en santé ouvre des portes",
        "Depuis que nous avons une médiatrice en santé, des familles qui ne venaient jamais "
        "prennent rendez-vous à la PMI ou au centre de santé. Elle parle trois langues, elle "
        "connaît les immeubles, et surtout elle prend le temps. Mon rôle, c'est de lui ouvrir "
        "les portes des institutions.",
        "<p>Coordinateur d'un atelier santé ville parisien, dans un quartier prioritaire où le "
        "renoncement aux soins est élevé.</p>",
        "Coordinateur ASV",
        "paris",
        "asv",
        "1to3",
        D(2025, 12, 9),
        ["acces-aux-soins", "precarite-inegalites"],
        ["plan-d-action"],
    ),
    _testimony(
        "semaines-d-information-sante-mentale",
        "Les semaines d'information, une porte d'entrée",
        "Les semaines d'information sur la santé mentale m'ont permis de rencontrer des "
        "partenaires qui ne seraient jamais venus à une réunion institutionnelle : le club de "
        "foot, la médiathèque, un collectif de parents. Un événement bien choisi peut lancer un "
        "travail de fond, à condition de ne pas s'arrêter là.",
        "<p>Coordinateur d'un CLSM dans les Yvelines, en poste depuis deux ans.</p>",
        "Coordinateur CLSM",
        "yvelines",
        "clsm",
        "1to3",
        D(2025, 10, 20),
        ["sante-mentale", "partenariats-et-reseau"],
        ["animation-du-reseau"],
    ),
    _testimony(
        "fiche-de-poste-et-realite",
        "Entre la fiche de poste et la réalité",
        "Ma fiche de poste parlait de coordination et d'ingénierie de projet. Dans les faits, "
        "on attendait surtout que j'anime moi-même les ateliers de prévention. Il m'a fallu un "
        "an pour faire reconnaître que mon travail était de faire agir les autres, pas de tout "
        "faire moi-même.",
        "<p>Coordinatrice d'un atelier santé ville dans l'Essonne, ancienne infirmière.</p>",
        "Coordinatrice ASV",
        "essonne",
        "asv",
        "1to3",
        D(2026, 1, 28),
        ["gouvernance-et-elus", "methodes-et-outils"],
        ["prise-de-poste"],
    ),
    _testimony(
        "le-reseau-regional-m-a-sauve",
        "Le réseau régional des pairs m'a tenue debout",
        "Les rencontres régionales entre coordinateurs, c'est le seul endroit où l'on me "
        "comprend sans que j'aie à tout expliquer. J'y ai trouvé une collègue d'un autre "
        "département qui m'a prêté sa trame de diagnostic et qui répond encore à mes questions "
        "deux ans après.",
        "<p>Propos recueillis lors d'une journée régionale d'accueil des nouveaux coordinateurs "
        "en Île-de-France.</p>",
        "Coordinatrice CLS",
        "region",
        "cls",
        "1to3",
        D(2025, 11, 27),
        ["partenariats-et-reseau"],
        ["prise-de-poste"],
    ),
    _testimony(
        "une-partition-commune",
        "Écrire une partition commune",
        "Mes partenaires ne partagent ni les mêmes horaires, ni les mêmes priorités, ni le même "
        "vocabulaire, et c'est très bien ainsi. Je ne leur demande pas de penser pareil : je "
        "cherche le petit nombre d'objectifs sur lesquels chacun peut avancer sans renoncer à "
        "son propre métier.",
        "<p>Référent santé d'une intercommunalité du Val-d'Oise qui n'a ni ASV ni CLS, mais une "
        "démarche locale de santé portée par le service social.</p>",
        "Référent santé d'une intercommunalité",
        "val-d-oise",
        "autre",
        "4plus",
        D(2025, 7, 3),
        ["partenariats-et-reseau"],
        ["animation-du-reseau"],
    ),
    _testimony(
        "diagnostic-avec-les-chiffres-et-la-rue",
        "Un diagnostic avec les chiffres et avec la rue",
        "Les données de l'observatoire régional montraient un taux de dépistage très bas, mais "
        "c'est en discutant avec les femmes du marché qu'on a compris pourquoi : horaires, garde "
        "des enfants, peur de l'annonce. Sans cette parole, notre plan d'action serait passé à "
        "côté.",
        "<p>Coordinatrice d'un contrat local de santé dans le Val-de-Marne, à propos du "
        "renouvellement du diagnostic local de santé.</p>",
        "Coordinatrice CLS",
        "val-de-marne",
        "cls",
        "1to3",
        D(2026, 2, 24),
        ["acces-aux-soins", "participation-des-habitants"],
        ["diagnostic"],
    ),
    _testimony(
        "l-elu-qui-a-change-d-avis",
        "L'élu qui a changé d'avis sur la santé mentale",
        "Au départ, mon élu voyait le CLSM comme une réponse aux troubles du voisinage. Je l'ai "
        "emmené à une réunion du groupe d'entraide mutuelle. Il en est ressorti en parlant "
        "d'inclusion et de logement, et depuis, c'est lui qui défend le conseil en conseil "
        "municipal.",
        "<p>Coordinateur d'un conseil local de santé mentale à Paris.</p>",
        "Coordinateur CLSM",
        "paris",
        "clsm",
        "4plus",
        D(2025, 8, 28),
        ["sante-mentale", "gouvernance-et-elus"],
        ["animation-du-reseau"],
    ),
    _testimony(
        "jeunes-et-reseaux-sociaux",
        "Parler santé avec les jeunes, là où ils sont",
        "Nous avons construit les ateliers sur les compétences psychosociales avec le service "
        "jeunesse et deux collèges. Les jeunes ont choisi eux-mêmes les sujets : le sommeil, les "
        "écrans, le harcèlement. La participation n'a rien à voir avec celle des actions que "
        "nous décidions seuls.",
        "<p>Coordinatrice d'un atelier santé ville des Hauts-de-Seine, en poste depuis moins "
        "d'un an.</p>",
        "Coordinatrice ASV",
        "hauts-de-seine",
        "asv",
        "lt1",
        D(2026, 4, 22),
        ["sante-des-jeunes", "participation-des-habitants"],
        ["plan-d-action", "participation-des-habitants"],
    ),
    _testimony(
        "evaluer-sans-expert",
        "Évaluer sans être expert",
        "J'avais peur de l'évaluation : je croyais qu'il fallait des questionnaires et des "
        "statistiques. Avec le CRPV, nous avons choisi trois questions simples par action et un "
        "temps de bilan avec les partenaires. C'est modeste, mais les élus ont enfin compris ce "
        "que l'ASV apportait au quartier.",
        "<p>Coordinateur d'un atelier santé ville dans les Yvelines.</p>",
        "Coordinateur ASV",
        "yvelines",
        "asv",
        "1to3",
        D(2025, 12, 16),
        ["methodes-et-outils"],
        ["evaluation"],
    ),
    _testimony(
        "logement-insalubre-et-asthme",
        "Quand l'habitat rend malade",
        "Les enfants d'une même résidence revenaient sans cesse aux urgences pour de l'asthme. "
        "En croisant les informations de la PMI, du service d'hygiène et de l'association de "
        "locataires, on a mis le bailleur autour de la table. La santé environnementale, c'est "
        "aussi du travail de coordination.",
        "<p>Coordinatrice d'un contrat local de santé en Seine-Saint-Denis, sur un projet mené "
        "avec le service communal d'hygiène et de santé.</p>",
        "Coordinatrice CLS",
        "seine-saint-denis",
        "cls",
        "4plus",
        D(2025, 5, 13),
        ["sante-environnement", "precarite-inegalites"],
        ["diagnostic", "plan-d-action"],
    ),
    _testimony(
        "arriver-apres-un-poste-vacant",
        "Arriver après dix-huit mois de poste vacant",
        "Le poste était vacant depuis un an et demi. Les partenaires étaient méfiants : ils "
        "avaient vu passer trois coordinateurs. J'ai passé mes deux premiers mois à écouter, "
        "sans rien promettre, et à reprendre contact avec chacun. C'est ce qui m'a permis de "
        "relancer le conseil.",
        "<p>Coordinatrice d'un conseil local de santé mentale dans l'Essonne, arrivée depuis "
        "huit mois.</p>",
        "Coordinatrice CLSM",
        "essonne",
        "clsm",
        "lt1",
        D(2026, 5, 6),
        ["sante-mentale", "partenariats-et-reseau"],
        ["prise-de-poste"],
    ),
    _testimony(
        "nutrition-au-jardin-partage",
        "Le jardin partagé, meilleur atelier nutrition",
        "Nos ateliers d'information sur l'alimentation attiraient peu de monde. Le jour où nous "
        "les avons déplacés au jardin partagé du quartier, avec une cuisine mobile, les habitants "
        "sont venus en famille et ont fini par animer eux-mêmes certaines séances.",
        "<p>Chargée de mission santé d'une commune de Seine-et-Marne, dans le cadre d'une "
        "démarche locale de santé sans contrat formalisé.</p>",
        "Chargée de mission santé",
        "seine-et-marne",
        "autre",
        "1to3",
        D(2025, 9, 9),
        ["nutrition-activite-physique", "participation-des-habitants"],
        ["plan-d-action", "participation-des-habitants"],
    ),
    _testimony(
        "renoncement-aux-soins-et-precarite",
        "Repérer le renoncement aux soins",
        "Avec le CCAS et la caisse d'assurance maladie, nous avons formé les agents d'accueil "
        "à repérer les personnes qui renoncent à se soigner. En un an, plus de deux cents "
        "personnes ont été accompagnées vers l'ouverture de leurs droits. La précarité ne se "
        "voit pas toujours au premier guichet.",
        "<p>Coordinateur d'un contrat local de santé dans les Hauts-de-Seine.</p>",
        "Coordinateur CLS",
        "hauts-de-seine",
        "cls",
        "4plus",
        D(2025, 4, 29),
        ["acces-aux-soins", "precarite-inegalites"],
        ["plan-d-action", "evaluation"],
    ),
    _testimony(
        "tutorat-entre-coordinateurs",
        "Un tuteur pour les premiers mois",
        "J'aurais aimé avoir un tuteur, quelqu'un d'un autre territoire à qui poser les "
        "questions qu'on n'ose pas poser à sa hiérarchie. Maintenant que j'ai de l'expérience, "
        "j'accueille à mon tour les nouveaux coordinateurs de l'Essonne pour une visite d'une "
        "journée.",
        "<p>Coordinatrice expérimentée, impliquée dans le réseau régional des coordinateurs "
        "santé d'Île-de-France.</p>",
        "Coordinatrice ASV et CLS",
        "region",
        "autre",
        "4plus",
        D(2026, 3, 19),
        ["partenariats-et-reseau", "methodes-et-outils"],
        ["prise-de-poste"],
    ),
    _testimony(
        "usagers-au-comite-du-clsm",
        "Les usagers au comité de pilotage du CLSM",
        "Quand deux adhérents du GEM ont rejoint le comité de pilotage, les échanges ont changé "
        "de ton. On ne parle plus des personnes concernées, on parle avec elles. Il a fallu "
        "adapter les horaires, les documents et le temps de parole, mais personne ne voudrait "
        "revenir en arrière.",
        "<p>Coordinatrice d'un conseil local de santé mentale dans le Val-d'Oise.</p>",
        "Coordinatrice CLSM",
        "val-d-oise",
        "clsm",
        "1to3",
        D(2026, 1, 8),
        ["sante-mentale", "participation-des-habitants"],
        ["participation-des-habitants"],
    ),
    _testimony(
        "chaleur-et-personnes-isolees",
        "Canicule et personnes isolées",
        "Pendant l'épisode de canicule, notre registre des personnes isolées était incomplet. "
        "Les gardiens d'immeuble, les pharmacies et les associations de quartier nous ont aidés "
        "à repérer des personnes âgées que personne ne connaissait. Depuis, ce réseau de "
        "vigilance se réunit chaque printemps.",
        "<p>Coordinateur d'un atelier santé ville dans les Yvelines, nouvellement arrivé.</p>",
        "Coordinateur ASV",
        "yvelines",
        "asv",
        "lt1",
        D(2026, 5, 20),
        ["sante-environnement", "precarite-inegalites"],
        ["animation-du-reseau"],
    ),
]
