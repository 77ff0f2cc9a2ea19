"""Demo chapters of the guide, in reading order. Body notation: see knowledge/demo/sheets.py."""

CHAPTERS = [
    {
        "slug": "prendre-son-poste",
        "title": "Prendre son poste",
        "summary": (
            "Les premières semaines d'un coordinateur ou d'une coordinatrice : comprendre la "
            "commande, se faire connaître, apprendre le vocabulaire et trouver des appuis."
        ),
        "themes": ["methodes-et-outils", "partenariats-et-reseau"],
        "project_steps": ["prise-de-poste"],
        "body": [
            ("heading", "Un métier aux mille intitulés"),
            (
                "paragraph",
                "<p>Coordinateur, coordonnateur, référent santé, chef de projet : les intitulés "
                "varient d'une collectivité à l'autre, mais la mission se ressemble : réunir autour "
                "d'un même cap de santé des professionnels et des institutions qui, spontanément, "
                "travailleraient chacun de leur côté. Beaucoup arrivent dans ce métier par des "
                "chemins variés : soin infirmier, psychologie, travail social, urbanisme ou "
                "sciences politiques.</p>",
            ),
            (
                "paragraph",
                "<p>Cette diversité est une richesse, mais elle rend les premiers mois exigeants. "
                "Il faut à la fois comprendre le fonctionnement de sa collectivité, les "
                "attentes des financeurs comme l'ARS et la préfecture, et la culture de la "
                "promotion de la santé. Personne ne maîtrise tout en arrivant.</p>",
            ),
            (
                "reflexes",
                [
                    "Demander à voir le contrat, la convention ou le dernier bilan dès la "
                    "première semaine.",
                    "Rencontrer son élu référent et sa hiérarchie pour clarifier la commande.",
                    "Se présenter à la délégation départementale de l'ARS et au centre de "
                    "ressources politique de la ville.",
                    "Tenir un carnet des sigles et des acteurs rencontrés.",
                    "Rejoindre au plus vite un réseau de pairs.",
                ],
            ),
            ("quote", "trois-mois-pour-comprendre-le-jargon"),
            ("heading", "Arriver après une vacance de poste"),
            (
                "paragraph",
                "<p>Le renouvellement des coordinateurs est fréquent et les postes restent "
                "parfois vacants plusieurs mois. Les partenaires peuvent alors se montrer "
                "prudents. Prendre le temps d'écouter, reprendre contact un par un et tenir ses "
                "premiers engagements, même modestes, reconstruit la confiance.</p>",
            ),
            (
                "callout",
                "tip",
                "Demandez un binôme",
                "<p>Un coordinateur expérimenté d'un autre territoire peut vous accueillir une "
                "journée et répondre aux questions que l'on n'ose pas poser à sa hiérarchie. "
                "Les rencontres régionales des nouveaux coordinateurs sont le bon moment pour "
                "le trouver.</p>",
            ),
            (
                "resources",
                "Pour aller plus loin",
                [
                    (
                        "Réussir ses cent premiers jours",
                        "La feuille de route détaillée des trois premiers mois.",
                        "sheet:premiers-cent-jours",
                    ),
                    (
                        "Cartographier les acteurs du territoire",
                        "Organiser ses rencontres.",
                        "sheet:cartographier-les-acteurs",
                    ),
                    (
                        "Un tuteur pour les premiers mois",
                        "Une remontée de terrain sur le tutorat entre pairs.",
                        "testimony:tutorat-entre-coordinateurs",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "comprendre-les-dispositifs",
        "title": "Comprendre les dispositifs : ASV, CLS, CLSM",
        "summary": (
            "Atelier santé ville, contrat local de santé, conseil local de santé mentale : "
            "origines, gouvernance, financements et articulations entre ces démarches."
        ),
        "themes": ["gouvernance-et-elus", "sante-mentale"],
        "project_steps": ["prise-de-poste"],
        "body": [
            ("heading", "L'atelier santé ville"),
            (
                "paragraph",
                "<p>Né de la politique de la ville, l'atelier santé ville cible les quartiers "
                "prioritaires. Il associe habitants, professionnels et institutions pour réduire "
                "les inégalités sociales et territoriales de santé. Son programme s'inscrit dans "
                "le volet santé du contrat de ville.</p>",
            ),
            ("heading", "Le contrat local de santé"),
            (
                "paragraph",
                "<p>Le contrat local de santé engage l'ARS, la collectivité et d'autres "
                "signataires sur plusieurs années. Il décline le projet régional de santé sur un "
                "territoire, à partir d'un diagnostic partagé, en fiches actions portées par "
                "différents partenaires. Sa signature est un moment politique important.</p>",
            ),
            ("heading", "Le conseil local de santé mentale"),
            (
                "paragraph",
                "<p>Le conseil local de santé mentale est une instance de concertation présidée "
                "par un élu et co-animée avec la psychiatrie publique. Il rassemble usagers, "
                "aidants, professionnels du soin, du social, du logement et de l'éducation pour "
                "améliorer la santé mentale de la population et lutter contre la "
                "stigmatisation.</p>",
            ),
            (
                "reflexes",
                [
                    "Identifier quels dispositifs existent sur son territoire et qui les coordonne.",
                    "Repérer les articulations : un ASV peut porter le volet quartiers d'un CLS.",
                    "Connaître les grandes lignes du projet régional de santé.",
                ],
            ),
            ("quote", "le-clsm-desamorce-les-situations"),
            (
                "callout",
                "info",
                "À savoir",
                "<p>Un même professionnel coordonne parfois plusieurs dispositifs. Dans ce cas, "
                "clarifiez avec la hiérarchie le temps consacré à chacun et les instances "
                "communes possibles.</p>",
            ),
            (
                "resources",
                "Ressources",
                [
                    (
                        "Installer ou relancer un CLSM",
                        "La fiche pratique dédiée.",
                        "sheet:installer-un-clsm",
                    ),
                    (
                        "Préparer le renouvellement d'un CLS",
                        "Les étapes du renouvellement.",
                        "sheet:renouveler-un-cls",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "realiser-un-diagnostic-local",
        "title": "Réaliser un diagnostic local de santé",
        "summary": (
            "Le diagnostic fonde la légitimité de la démarche : croiser les données, la parole "
            "des acteurs et celle des habitants pour choisir des priorités."
        ),
        "themes": ["methodes-et-outils", "participation-des-habitants", "acces-aux-soins"],
        "project_steps": ["diagnostic"],
        "body": [
            ("heading", "Pourquoi un diagnostic ?"),
            (
                "paragraph",
                "<p>Le diagnostic local de santé décrit l'état de santé de la population et ses "
                "déterminants : revenus, logement, environnement, accès aux soins, liens sociaux. "
                "Il permet de choisir des priorités argumentées et d'éviter de multiplier des "
                "actions sans cohérence d'ensemble.</p>",
            ),
            (
                "paragraph",
                "<p>Sa force tient à la démarche : un diagnostic partagé, construit avec les "
                "acteurs et les habitants, crée la dynamique dont le plan d'action aura besoin. "
                "Les données statistiques disent l'ampleur des problèmes ; la parole des "
                "personnes en dit les causes et les leviers.</p>",
            ),
            ("quote", "diagnostic-avec-les-chiffres-et-la-rue"),
            (
                "reflexes",
                [
                    "Commencer par rassembler les études et données déjà disponibles.",
                    "Associer les habitants dès le recueil, pas seulement à la restitution.",
                    "Limiter le nombre de priorités retenues.",
                    "Conserver les indicateurs de départ pour l'évaluation.",
                ],
            ),
            ("heading", "Les écueils fréquents"),
            (
                "paragraph",
                "<p>Un diagnostic trop long épuise les partenaires ; un diagnostic uniquement "
                "statistique passe à côté des réalités vécues ; un diagnostic sans restitution "
                "donne le sentiment que la parole recueillie s'est perdue.</p>",
            ),
            (
                "callout",
                "warning",
                "Vigilance",
                "<p>Ne promettez pas aux habitants des actions que vous ne pourrez pas porter : "
                "dites clairement ce qui relève de la démarche et ce qui n'en relève pas.</p>",
            ),
            (
                "resources",
                "Pour aller plus loin",
                [
                    (
                        "Conduire un diagnostic local de santé",
                        "La méthode pas à pas.",
                        "sheet:conduire-un-diagnostic-local-de-sante",
                    ),
                    (
                        "Fabrique Territoires Santé",
                        "Ressources nationales sur les démarches territoriales de santé.",
                        "https://www.fabrique-territoires-sante.org/",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "construire-le-plan-d-action",
        "title": "Construire le plan d'action",
        "summary": (
            "Passer des priorités aux actions : objectifs, porteurs, partenaires, moyens, et "
            "une programmation tenable dans la durée."
        ),
        "themes": ["methodes-et-outils", "prevention-promotion-sante"],
        "project_steps": ["plan-d-action"],
        "body": [
            ("heading", "De la priorité à l'action"),
            (
                "paragraph",
                "<p>Chaque priorité du diagnostic se traduit en objectifs, puis en actions "
                "portées par des partenaires identifiés. Le coordinateur n'a pas vocation à "
                "porter lui-même chaque action : il veille à la cohérence, facilite les "
                "coopérations et suit l'avancement.</p>",
            ),
            (
                "paragraph",
                "<p>Un bon plan d'action combine des actions de prévention ciblées et des "
                "actions sur les déterminants de la santé, en lien avec d'autres politiques "
                "publiques : habitat, éducation, transport, emploi. C'est tout le sens de "
                "l'intersectorialité.</p>",
            ),
            ("quote", "des-stands-qui-touchent-les-convaincus"),
            (
                "reflexes",
                [
                    "Préférer une douzaine d'actions bien portées à quarante fiches vides.",
                    "Vérifier qu'aucune action n'existe déjà ailleurs avant d'en créer une.",
                    "Écrire les indicateurs d'évaluation dans chaque fiche.",
                    "Programmer des temps sans action pour prendre du recul.",
                ],
            ),
            (
                "callout",
                "tip",
                "Conseil",
                "<p>Les campagnes nationales de prévention sont utiles si elles s'inscrivent "
                "dans un travail de fond ; choisir un fil rouge annuel donne plus de résultats "
                "qu'une succession d'événements.</p>",
            ),
            (
                "resources",
                "Ressources",
                [
                    (
                        "Rédiger une fiche action",
                        "Le modèle commenté.",
                        "sheet:rediger-une-fiche-action",
                    ),
                    (
                        "Agir sur le renoncement aux soins",
                        "Un exemple d'action d'accès aux soins.",
                        "sheet:agir-sur-le-renoncement-aux-soins",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "animer-le-reseau-et-les-partenariats",
        "title": "Animer le réseau et les partenariats",
        "summary": (
            "Faire vivre le réseau des acteurs : instances, rencontres, outils partagés, et "
            "l'art discret de faire travailler ensemble ceux qui ne se connaissent pas."
        ),
        "themes": ["partenariats-et-reseau"],
        "project_steps": ["animation-du-reseau"],
        "body": [
            ("heading", "Le cœur du métier"),
            (
                "paragraph",
                "<p>Animer le réseau, c'est créer les conditions pour que les acteurs du soin, du "
                "social, de l'éducation, du logement et les associations se connaissent, se "
                "comprennent et agissent ensemble. Ce travail est peu visible mais il fait la "
                "différence quand une situation difficile survient.</p>",
            ),
            (
                "paragraph",
                "<p>Le coordinateur aide chacun à comprendre le vocabulaire et les contraintes des "
                "autres, met en commun ce qui peut l'être (locaux, outils, formations) et veille "
                "à ce que chacun trouve un intérêt à participer. Un réseau qui ne sert qu'à l'institution "
                "qui l'anime s'essouffle vite.</p>",
            ),
            ("quote", "faire-tenir-ensemble"),
            (
                "reflexes",
                [
                    "Envoyer un compte rendu court après chaque rencontre.",
                    "Varier les formats : réunions, visites, petits-déjeuners, formations communes.",
                    "Valoriser publiquement le travail des partenaires.",
                    "Tenir à jour la carte des acteurs.",
                ],
            ),
            ("heading", "Le réseau des pairs"),
            (
                "paragraph",
                "<p>Au-delà de son territoire, le coordinateur a besoin d'échanger avec d'autres "
                "coordinateurs : rencontres régionales, groupes départementaux, visites de "
                "sites. Ces échanges aident à prendre du recul et à capitaliser les "
                "expériences.</p>",
            ),
            (
                "callout",
                "info",
                "À savoir",
                "<p>Les centres de ressources politique de la ville et PromoSanté Île-de-France "
                "organisent des temps d'échange réguliers entre coordinateurs santé.</p>",
            ),
            (
                "resources",
                "Ressources",
                [
                    (
                        "Cartographier les acteurs du territoire",
                        "Un outil simple pour voir le réseau.",
                        "sheet:cartographier-les-acteurs",
                    ),
                    (
                        "Préparer et animer un comité de pilotage",
                        "Les instances de gouvernance.",
                        "sheet:preparer-un-comite-de-pilotage",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "faire-participer-les-habitants",
        "title": "Faire participer les habitants",
        "summary": (
            "Associer réellement les habitants, les usagers et les personnes concernées : "
            "niveaux de participation, méthodes d'aller-vers et retour vers les participants."
        ),
        "themes": ["participation-des-habitants", "precarite-inegalites"],
        "project_steps": ["participation-des-habitants"],
        "body": [
            ("heading", "Pourquoi associer les habitants ?"),
            (
                "paragraph",
                "<p>Les habitants sont les premiers experts de leur quartier et de leur santé. "
                "Les associer améliore la pertinence des actions, touche des publics éloignés "
                "des institutions et renforce leur pouvoir d'agir, principe central de la "
                "promotion de la santé.</p>",
            ),
            (
                "paragraph",
                "<p>La participation prend plusieurs formes : information, consultation, "
                "concertation, co-construction. Chacune est légitime, à condition de dire "
                "clairement aux habitants laquelle on leur propose.</p>",
            ),
            ("quote", "la-participation-on-ne-sait-pas-comment"),
            (
                "reflexes",
                [
                    "Aller là où les habitants se trouvent déjà.",
                    "Adapter horaires, langues et supports.",
                    "Revenir vers les participants pour dire ce qui a été fait de leur parole.",
                    "Associer les personnes concernées aux instances, pas seulement aux ateliers.",
                ],
            ),
            (
                "callout",
                "tip",
                "Conseil",
                "<p>Les conseils citoyens, les centres sociaux et les groupes d'entraide mutuelle "
                "sont des partenaires naturels pour construire la participation.</p>",
            ),
            (
                "resources",
                "Ressources",
                [
                    (
                        "Associer les habitants à une démarche de santé",
                        "Méthodes concrètes.",
                        "sheet:associer-les-habitants",
                    ),
                    (
                        "Le jardin partagé, meilleur atelier nutrition",
                        "Une remontée de terrain.",
                        "testimony:nutrition-au-jardin-partage",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "evaluer-la-demarche",
        "title": "Évaluer la démarche",
        "summary": (
            "Évaluer pour apprendre et rendre compte : questions évaluatives, indicateurs "
            "réalistes, bilans partagés, sans tomber dans la course aux chiffres."
        ),
        "themes": ["methodes-et-outils"],
        "project_steps": ["evaluation"],
        "body": [
            ("heading", "Évaluer n'est pas contrôler"),
            (
                "paragraph",
                "<p>L'évaluation permet de savoir si les actions atteignent leur public et leurs "
                "objectifs, et de les améliorer. Elle n'est pas réservée aux experts : quelques "
                "questions bien posées et un temps d'analyse collective apportent déjà "
                "beaucoup.</p>",
            ),
            (
                "paragraph",
                "<p>Les financeurs demandent souvent des indicateurs d'activité. Ils sont "
                "nécessaires mais insuffisants : une évaluation utile décrit aussi les effets "
                "sur les personnes et sur les coopérations entre acteurs.</p>",
            ),
            ("quote", "soixante-actions-et-pas-de-recul"),
            (
                "reflexes",
                [
                    "Penser l'évaluation dès l'écriture de l'action.",
                    "Choisir peu d'indicateurs, mais les suivre.",
                    "Partager les résultats avec les partenaires et les habitants.",
                ],
            ),
            (
                "callout",
                "info",
                "À savoir",
                "<p>Un accompagnement méthodologique à l'évaluation est proposé par les "
                "structures régionales de promotion de la santé.</p>",
            ),
            (
                "resources",
                "Ressources",
                [
                    (
                        "Évaluer une action avec des moyens modestes",
                        "La fiche pratique.",
                        "sheet:evaluer-une-action",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "se-positionner-aupres-des-elus",
        "title": "Se positionner auprès des élus et de sa hiérarchie",
        "summary": (
            "Trouver sa place dans la collectivité, obtenir un portage politique et faire "
            "reconnaître la fonction de coordination."
        ),
        "themes": ["gouvernance-et-elus"],
        "project_steps": ["prise-de-poste", "plan-d-action"],
        "body": [
            ("heading", "Un portage politique indispensable"),
            (
                "paragraph",
                "<p>Sans élu qui porte la démarche, le coordinateur s'épuise. Le portage "
                "politique ouvre les portes des autres services, garantit les moyens et donne du "
                "poids aux décisions des instances. Il se construit en montrant concrètement ce "
                "que la démarche apporte aux habitants.</p>",
            ),
            (
                "paragraph",
                "<p>La position du coordinateur dans l'organigramme compte aussi : rattaché à la "
                "direction générale, il accède plus facilement aux autres services que s'il est "
                "isolé dans un service. Cette place se négocie.</p>",
            ),
            ("quote", "l-elu-qui-a-change-d-avis"),
            (
                "reflexes",
                [
                    "Préparer chaque instance avec l'élu qui la préside.",
                    "Inviter les élus sur le terrain.",
                    "Faire valoir la différence entre coordonner et animer soi-même.",
                ],
            ),
            (
                "callout",
                "tip",
                "Conseil",
                "<p>Les temps d'acculturation proposés aux élus lors de la négociation d'un "
                "contrat sont une occasion à saisir : proposez-les à votre élu référent.</p>",
            ),
            (
                "resources",
                "Ressources",
                [
                    (
                        "Présenter la démarche aux élus et à sa hiérarchie",
                        "La fiche pratique.",
                        "sheet:argumenter-aupres-des-elus",
                    ),
                    (
                        "Entre la fiche de poste et la réalité",
                        "Une remontée de terrain.",
                        "testimony:fiche-de-poste-et-realite",
                    ),
                ],
            ),
        ],
    },
]
