"""Demo practice sheets: short, operational, each tied to the taxonomy and to related content.

Body blocks use a compact notation turned into StreamField data by the loader:
("heading", text), ("paragraph", html), ("reflexes", [items]), ("quote", testimony_slug),
("callout", kind, title, html), ("resources", title, [resource]).
A resource is (title, description, target); target is "sheet:<slug>", "chapter:<slug>",
"testimony:<slug>" or an external https URL.
"""

SHEETS = [
    {
        "slug": "premiers-cent-jours",
        "title": "Réussir ses cent premiers jours de coordinateur",
        "summary": (
            "Une feuille de route pour les trois premiers mois : comprendre la commande, "
            "rencontrer les acteurs, repérer les ressources et poser ses premiers jalons sans "
            "se disperser."
        ),
        "objectives": (
            "<ul><li>Comprendre ce que l'employeur, les élus et les financeurs attendent du "
            "poste.</li><li>Identifier les acteurs clés du territoire et se faire connaître "
            "d'eux.</li><li>Arriver au terme des trois mois avec une note d'étonnement et des "
            "priorités partagées.</li></ul>"
        ),
        "steps": [
            (
                "Lire l'histoire de la démarche",
                "<p>Rassemblez les documents fondateurs : convention ou contrat signé, dernier "
                "diagnostic, bilans d'activité, comptes rendus des instances. Notez les "
                "engagements en cours et les échéances de financement.</p>",
            ),
            (
                "Clarifier la commande",
                "<p>Rencontrez votre responsable hiérarchique et l'élu référent. Demandez-leur ce "
                "qui serait, pour eux, une réussite à un an. Comparez avec votre fiche de poste "
                "et notez les écarts.</p>",
            ),
            (
                "Faire le tour des partenaires",
                "<p>Programmez des rencontres individuelles avec la délégation départementale de "
                "l'ARS, le CRPV, les services municipaux, les associations et les professionnels "
                "de santé. Écoutez plus que vous ne promettez.</p>",
            ),
            (
                "Rejoindre un réseau de pairs",
                "<p>Inscrivez-vous aux rencontres régionales et départementales des "
                "coordinateurs. Demandez un contact de tuteur ou de binôme expérimenté.</p>",
            ),
            (
                "Rédiger une note d'étonnement",
                "<p>Au bout de trois mois, partagez en deux pages ce que vous avez compris, ce "
                "qui vous surprend et les trois priorités que vous proposez.</p>",
            ),
        ],
        "body": [
            ("heading", "Ne pas tout faire tout de suite"),
            (
                "paragraph",
                "<p>La tentation est grande de relancer immédiatement toutes les actions "
                "suspendues. Les premières semaines servent pourtant surtout à comprendre le "
                "territoire et la place que l'on vous laisse. Les coordinateurs qui ont pris ce "
                "temps d'écoute disent avoir gagné en légitimité auprès des acteurs.</p>",
            ),
            ("quote", "trois-mois-pour-comprendre-le-jargon"),
            (
                "callout",
                "tip",
                "Un carnet de sigles",
                "<p>Notez chaque sigle entendu et cherchez-le dans le glossaire de la Boussole : "
                "au bout d'un mois, vous parlerez couramment la langue des institutions.</p>",
            ),
        ],
        "resources": [
            (
                "Cartographier les acteurs du territoire",
                "La fiche pour organiser vos rencontres.",
                "sheet:cartographier-les-acteurs",
            ),
            (
                "PromoSanté Île-de-France",
                "Centre de ressources régional en promotion de la santé.",
                "https://www.promosante-idf.fr/",
            ),
        ],
        "themes": ["methodes-et-outils", "partenariats-et-reseau"],
        "dispositifs": ["asv", "cls", "clsm", "autre"],
        "audiences": ["nouveau-coordinateur"],
        "project_steps": ["prise-de-poste"],
        "related_sheets": ["cartographier-les-acteurs", "argumenter-aupres-des-elus"],
        "related_testimonies": [
            "trois-mois-pour-comprendre-le-jargon",
            "arriver-apres-un-poste-vacant",
            "tutorat-entre-coordinateurs",
        ],
    },
    {
        "slug": "conduire-un-diagnostic-local-de-sante",
        "title": "Conduire un diagnostic local de santé",
        "summary": (
            "Croiser les données chiffrées, la parole des professionnels et celle des habitants "
            "pour dégager des priorités partagées et légitimes."
        ),
        "objectives": (
            "<ul><li>Décrire l'état de santé de la population et ses déterminants.</li>"
            "<li>Faire émerger des priorités reconnues par les acteurs et les élus.</li>"
            "<li>Poser une référence pour l'évaluation future.</li></ul>"
        ),
        "steps": [
            (
                "Cadrer la démarche",
                "<p>Définissez le périmètre (ville, quartiers prioritaires, intercommunalité), "
                "le calendrier et le comité de suivi. Un diagnostic trop large s'enlise.</p>",
            ),
            (
                "Rassembler les données existantes",
                "<p>Observatoire régional de santé, assurance maladie, analyse des besoins "
                "sociaux du CCAS, données scolaires : beaucoup existe déjà. Demandez de l'aide "
                "pour les lire.</p>",
            ),
            (
                "Recueillir la parole des acteurs",
                "<p>Entretiens et groupes de travail avec les professionnels de santé, du social, "
                "de l'éducation et du logement.</p>",
            ),
            (
                "Aller vers les habitants",
                "<p>Marchés, centres sociaux, sorties d'école : recueillez la parole de ceux qu'on "
                "n'entend pas en réunion, avec des outils simples.</p>",
            ),
            (
                "Restituer et prioriser",
                "<p>Présentez les constats à tous les contributeurs et choisissez ensemble un "
                "nombre limité de priorités.</p>",
            ),
        ],
        "body": [
            ("heading", "Un diagnostic partagé plutôt qu'un rapport"),
            (
                "paragraph",
                "<p>Le diagnostic vaut autant par sa démarche que par son document final. En "
                "associant dès le départ les acteurs et les habitants, vous construisez la "
                "dynamique qui portera ensuite le plan d'action. Un rapport brillant écrit seul "
                "finit souvent dans un tiroir.</p>",
            ),
            ("quote", "diagnostic-avec-les-chiffres-et-la-rue"),
            (
                "reflexes",
                [
                    "Vérifier ce qui existe déjà avant de lancer une enquête.",
                    "Prévoir la restitution dès le début du calendrier.",
                    "Garder une trace des indicateurs pour l'évaluation.",
                ],
            ),
            (
                "callout",
                "warning",
                "Données personnelles",
                "<p>Un questionnaire auprès des habitants collecte des données personnelles : "
                "associez le délégué à la protection des données de la collectivité.</p>",
            ),
        ],
        "resources": [
            (
                "Associer les habitants à une démarche de santé",
                "Outils pour recueillir la parole des habitants.",
                "sheet:associer-les-habitants",
            ),
            (
                "Fabrique Territoires Santé",
                "Réseau national des démarches territoriales de santé.",
                "https://www.fabrique-territoires-sante.org/",
            ),
        ],
        "themes": ["methodes-et-outils", "participation-des-habitants", "acces-aux-soins"],
        "dispositifs": ["asv", "cls", "clsm"],
        "audiences": ["nouveau-coordinateur", "coordinateur-confirme"],
        "project_steps": ["diagnostic"],
        "related_sheets": ["associer-les-habitants", "rediger-une-fiche-action"],
        "related_testimonies": [
            "diagnostic-avec-les-chiffres-et-la-rue",
            "la-participation-on-ne-sait-pas-comment",
        ],
    },
    {
        "slug": "cartographier-les-acteurs",
        "title": "Cartographier les acteurs du territoire",
        "summary": (
            "Repérer qui fait quoi, qui décide, qui finance et qui manque : une carte simple "
            "des acteurs pour organiser ses rencontres et construire le réseau."
        ),
        "objectives": (
            "<ul><li>Disposer d'une vue d'ensemble des acteurs de la santé et de ses "
            "déterminants.</li><li>Identifier les alliés, les relais et les absents.</li>"
            "<li>Prioriser les rencontres des premiers mois.</li></ul>"
        ),
        "steps": [
            (
                "Lister par secteur",
                "<p>Soins, prévention, social, éducation, logement, insertion, sport, culture, "
                "associations d'habitants : une colonne par secteur.</p>",
            ),
            (
                "Qualifier chaque acteur",
                "<p>Pour chacun : missions, territoire couvert, interlocuteur, lien avec la "
                "démarche (moteur, partenaire, à convaincre, inconnu).</p>",
            ),
            (
                "Dessiner les liens",
                "<p>Qui travaille déjà avec qui ? Les liens absents sont souvent les plus "
                "intéressants à créer.</p>",
            ),
            (
                "Mettre à jour régulièrement",
                "<p>Les interlocuteurs changent vite : revoyez la carte à chaque comité de "
                "pilotage.</p>",
            ),
        ],
        "body": [
            ("heading", "La carte n'est pas le territoire"),
            (
                "paragraph",
                "<p>Une cartographie des acteurs reste un outil de travail, pas un annuaire "
                "officiel. Elle vous aide à voir les déséquilibres : beaucoup d'acteurs du soin "
                "et aucun du logement, par exemple, ou des quartiers où personne n'intervient.</p>",
            ),
            (
                "callout",
                "info",
                "À savoir",
                "<p>Les centres de ressources politique de la ville et les délégations "
                "départementales de l'ARS disposent souvent de listes de contacts à jour : "
                "demandez-les.</p>",
            ),
        ],
        "resources": [
            (
                "Réussir ses cent premiers jours",
                "Pour intégrer la carte à votre feuille de route.",
                "sheet:premiers-cent-jours",
            ),
        ],
        "themes": ["partenariats-et-reseau", "methodes-et-outils"],
        "dispositifs": ["asv", "cls", "clsm", "autre"],
        "audiences": ["nouveau-coordinateur", "partenaires"],
        "project_steps": ["prise-de-poste", "animation-du-reseau"],
        "related_sheets": ["premiers-cent-jours", "preparer-un-comite-de-pilotage"],
        "related_testimonies": ["seule-sur-un-territoire-rural", "une-partition-commune"],
    },
    {
        "slug": "preparer-un-comite-de-pilotage",
        "title": "Préparer et animer un comité de pilotage",
        "summary": (
            "Faire du comité de pilotage un vrai lieu de décision : ordre du jour resserré, "
            "documents lisibles, décisions consignées et suivies."
        ),
        "objectives": (
            "<ul><li>Obtenir des décisions claires des instances de gouvernance.</li>"
            "<li>Maintenir l'engagement des signataires et des élus.</li>"
            "<li>Rendre compte de l'avancement sans noyer les participants.</li></ul>"
        ),
        "steps": [
            (
                "Fixer l'objectif de la séance",
                "<p>Une séance, une ou deux décisions attendues. Écrivez-les en tête de "
                "l'ordre du jour.</p>",
            ),
            (
                "Préparer avec l'élu",
                "<p>Un point de préparation avec l'élu qui préside évite les surprises et "
                "renforce son portage.</p>",
            ),
            (
                "Envoyer des documents courts",
                "<p>Une note de deux pages et une carte valent mieux qu'un diaporama de quarante "
                "vues.</p>",
            ),
            (
                "Animer et conclure",
                "<p>Gardez du temps pour le débat, reformulez les décisions avant de lever la "
                "séance.</p>",
            ),
            (
                "Diffuser le relevé de décisions",
                "<p>Dans la semaine, avec les responsables et les échéances.</p>",
            ),
        ],
        "body": [
            ("quote", "premier-comite-de-pilotage"),
            ("heading", "Comité de pilotage et comité technique"),
            (
                "paragraph",
                "<p>Le comité de pilotage réunit les décideurs et arbitre ; le comité technique "
                "réunit les professionnels qui préparent et mettent en œuvre. Les confondre "
                "épuise tout le monde : les élus s'ennuient dans les détails, les techniciens "
                "attendent des décisions qui ne viennent pas.</p>",
            ),
        ],
        "resources": [
            (
                "Présenter la démarche aux élus et à sa hiérarchie",
                "Pour préparer le portage politique.",
                "sheet:argumenter-aupres-des-elus",
            ),
        ],
        "themes": ["gouvernance-et-elus", "methodes-et-outils"],
        "dispositifs": ["cls", "clsm"],
        "audiences": ["nouveau-coordinateur", "coordinateur-confirme", "elus-et-hierarchie"],
        "project_steps": ["plan-d-action", "animation-du-reseau"],
        "related_sheets": ["argumenter-aupres-des-elus", "renouveler-un-cls"],
        "related_testimonies": ["premier-comite-de-pilotage"],
    },
    {
        "slug": "rediger-une-fiche-action",
        "title": "Rédiger une fiche action du plan d'action",
        "summary": (
            "Passer d'une priorité du diagnostic à une action concrète : objectifs, public, "
            "porteur, partenaires, calendrier, budget et indicateurs."
        ),
        "objectives": (
            "<ul><li>Traduire une priorité en objectifs opérationnels mesurables.</li>"
            "<li>Répartir clairement les rôles entre porteur et partenaires.</li>"
            "<li>Prévoir l'évaluation dès l'écriture.</li></ul>"
        ),
        "steps": [
            (
                "Partir du constat",
                "<p>Rappelez en trois lignes le constat du diagnostic qui justifie l'action.</p>",
            ),
            (
                "Formuler les objectifs",
                "<p>Un objectif général, deux ou trois objectifs opérationnels formulés avec un "
                "verbe d'action.</p>",
            ),
            (
                "Décrire l'action et son public",
                "<p>Qui est visé, où, avec quelle fréquence, et comment les personnes seront "
                "informées et mobilisées.</p>",
            ),
            (
                "Nommer le porteur et les partenaires",
                "<p>Le coordinateur n'est pas le porteur de toutes les actions : chaque fiche "
                "doit avoir un responsable identifié.</p>",
            ),
            (
                "Choisir les indicateurs",
                "<p>Quelques indicateurs de réalisation et de résultat, réalistes à collecter.</p>",
            ),
        ],
        "body": [
            ("heading", "Moins de fiches, mieux suivies"),
            (
                "paragraph",
                "<p>Un plan d'action de quarante fiches impressionne à la signature et déçoit au "
                "bilan. Mieux vaut une douzaine de fiches réellement portées, avec des "
                "partenaires engagés et des moyens identifiés.</p>",
            ),
            (
                "reflexes",
                [
                    "Chaque fiche a un porteur qui n'est pas le coordinateur.",
                    "Les indicateurs sont choisis avec ceux qui les collecteront.",
                    "Le budget mentionne les financements acquis et ceux à chercher.",
                ],
            ),
        ],
        "resources": [
            (
                "Évaluer une action avec des moyens modestes",
                "Pour choisir des indicateurs utiles.",
                "sheet:evaluer-une-action",
            ),
        ],
        "themes": ["methodes-et-outils", "prevention-promotion-sante"],
        "dispositifs": ["asv", "cls", "clsm"],
        "audiences": ["nouveau-coordinateur", "coordinateur-confirme", "partenaires"],
        "project_steps": ["plan-d-action"],
        "related_sheets": ["conduire-un-diagnostic-local-de-sante", "evaluer-une-action"],
        "related_testimonies": ["des-stands-qui-touchent-les-convaincus"],
    },
    {
        "slug": "associer-les-habitants",
        "title": "Associer les habitants à une démarche de santé",
        "summary": (
            "Du recueil de la parole à la co-construction : des méthodes concrètes pour que les "
            "habitants pèsent réellement sur les actions qui les concernent."
        ),
        "objectives": (
            "<ul><li>Choisir le niveau de participation adapté (information, consultation, "
            "concertation, co-décision).</li><li>Aller vers les habitants là où ils sont.</li>"
            "<li>Rendre compte de ce qui a été fait de leur parole.</li></ul>"
        ),
        "steps": [
            (
                "Décider ce qui est ouvert à la discussion",
                "<p>Avant d'inviter, sachez ce que les habitants pourront réellement influencer. "
                "Une fausse concertation abîme la confiance pour longtemps.</p>",
            ),
            (
                "S'appuyer sur les lieux existants",
                "<p>Centres sociaux, amicales de locataires, conseils citoyens, associations "
                "de parents : rejoignez leurs rencontres plutôt que d'en créer.</p>",
            ),
            (
                "Adapter les formats",
                "<p>Horaires, langues, garde d'enfants, supports visuels : la participation se "
                "joue dans ces détails.</p>",
            ),
            (
                "Revenir vers les habitants",
                "<p>Expliquez ce qui a été retenu, ce qui ne l'a pas été et pourquoi.</p>",
            ),
        ],
        "body": [
            ("quote", "la-participation-on-ne-sait-pas-comment"),
            ("heading", "Participation et légitimité"),
            (
                "paragraph",
                "<p>La participation des habitants n'est pas un supplément d'âme : elle améliore "
                "la pertinence des actions et touche des publics que les institutions "
                "n'atteignent pas. Elle demande du temps, qu'il faut défendre auprès des élus "
                "et de la hiérarchie.</p>",
            ),
            (
                "callout",
                "tip",
                "Conseil",
                "<p>Prévoyez un budget pour indemniser ou défrayer les habitants qui donnent de "
                "leur temps, notamment les pairs aidants.</p>",
            ),
        ],
        "resources": [
            (
                "Conduire un diagnostic local de santé",
                "Intégrer la parole des habitants au diagnostic.",
                "sheet:conduire-un-diagnostic-local-de-sante",
            ),
        ],
        "themes": ["participation-des-habitants", "precarite-inegalites"],
        "dispositifs": ["asv", "cls", "clsm", "autre"],
        "audiences": ["nouveau-coordinateur", "coordinateur-confirme", "partenaires"],
        "project_steps": ["participation-des-habitants", "diagnostic"],
        "related_sheets": ["conduire-un-diagnostic-local-de-sante"],
        "related_testimonies": [
            "la-participation-on-ne-sait-pas-comment",
            "nutrition-au-jardin-partage",
            "jeunes-et-reseaux-sociaux",
        ],
    },
    {
        "slug": "installer-un-clsm",
        "title": "Installer ou relancer un conseil local de santé mentale",
        "summary": (
            "Les étapes pour créer un CLSM ou lui redonner souffle : portage par l'élu, "
            "co-animation avec la psychiatrie, place des usagers et premiers groupes de travail."
        ),
        "objectives": (
            "<ul><li>Réunir les conditions d'un portage politique et médical durable.</li>"
            "<li>Associer les usagers et les aidants dès la gouvernance.</li>"
            "<li>Lancer des groupes de travail sur des sujets concrets.</li></ul>"
        ),
        "steps": [
            (
                "Sécuriser le portage",
                "<p>Le conseil est présidé par un élu et co-animé avec le secteur de psychiatrie. "
                "Formalisez cet engagement dans une convention.</p>",
            ),
            (
                "Réaliser un état des lieux",
                "<p>Ressources en santé mentale, délais d'accès au CMP, situations de crise, "
                "besoins exprimés par les bailleurs et les services sociaux.</p>",
            ),
            (
                "Composer l'assemblée plénière",
                "<p>Usagers, GEM, familles, psychiatrie, médecine de ville, social, logement, "
                "police municipale, éducation.</p>",
            ),
            (
                "Lancer deux ou trois groupes de travail",
                "<p>Par exemple : situations complexes, logement, lutte contre la "
                "stigmatisation.</p>",
            ),
        ],
        "body": [
            ("heading", "Une instance de concertation, pas un service de plus"),
            (
                "paragraph",
                "<p>Le conseil local de santé mentale ne soigne pas : il organise la "
                "concertation entre ceux qui soignent, accompagnent, logent et accueillent. Sa "
                "réussite se mesure à la qualité des coopérations qu'il fait naître et à la "
                "place qu'il donne aux personnes concernées.</p>",
            ),
            ("quote", "usagers-au-comite-du-clsm"),
            (
                "callout",
                "warning",
                "Vigilance",
                "<p>Une cellule de situations complexes manipule des informations sensibles : "
                "rédigez une charte de confidentialité signée par tous les participants.</p>",
            ),
        ],
        "resources": [
            (
                "Centre national de ressources et d'appui aux CLSM",
                "Guides, annuaire et rencontres nationales des conseils locaux.",
                "https://ressources-clsm.org/",
            ),
        ],
        "themes": ["sante-mentale", "gouvernance-et-elus", "partenariats-et-reseau"],
        "dispositifs": ["clsm"],
        "audiences": ["nouveau-coordinateur", "elus-et-hierarchie", "partenaires"],
        "project_steps": ["prise-de-poste", "animation-du-reseau"],
        "related_sheets": ["preparer-un-comite-de-pilotage"],
        "related_testimonies": [
            "le-clsm-desamorce-les-situations",
            "usagers-au-comite-du-clsm",
            "l-elu-qui-a-change-d-avis",
        ],
    },
    {
        "slug": "renouveler-un-cls",
        "title": "Préparer le renouvellement d'un contrat local de santé",
        "summary": (
            "Un contrat local de santé arrive à échéance : bilan, actualisation du diagnostic, "
            "négociation avec l'ARS et les signataires, nouvelle programmation."
        ),
        "objectives": (
            "<ul><li>Tirer les enseignements du contrat qui s'achève.</li>"
            "<li>Associer les élus à la négociation du nouveau contrat.</li>"
            "<li>Éviter une période blanche entre deux contrats.</li></ul>"
        ),
        "steps": [
            (
                "Anticiper d'un an",
                "<p>Fixez avec la délégation départementale de l'ARS un calendrier de "
                "renouvellement au moins douze mois avant l'échéance.</p>",
            ),
            (
                "Faire le bilan",
                "<p>Fiche par fiche : réalisé, non réalisé, pourquoi. Recueillez l'avis des "
                "porteurs et des partenaires.</p>",
            ),
            (
                "Actualiser le diagnostic",
                "<p>Pas besoin de tout refaire : ciblez les évolutions et les sujets émergents.</p>",
            ),
            (
                "Négocier les priorités",
                "<p>Croisez les priorités locales avec le projet régional de santé et les "
                "engagements possibles de chaque signataire.</p>",
            ),
        ],
        "body": [
            ("heading", "Le renouvellement, moment politique"),
            (
                "paragraph",
                "<p>Le renouvellement d'un CLS est l'occasion de remobiliser les élus, souvent "
                "renouvelés eux aussi. Des temps d'acculturation proposés par les délégations "
                "départementales ou les centres de ressources peuvent les y aider.</p>",
            ),
        ],
        "resources": [
            (
                "Agence régionale de santé Île-de-France",
                "Contrats locaux de santé et projet régional de santé.",
                "https://www.iledefrance.ars.sante.fr/",
            ),
            (
                "Évaluer une action avec des moyens modestes",
                "Pour nourrir le bilan du contrat.",
                "sheet:evaluer-une-action",
            ),
        ],
        "themes": ["gouvernance-et-elus", "methodes-et-outils"],
        "dispositifs": ["cls"],
        "audiences": ["coordinateur-confirme", "elus-et-hierarchie"],
        "project_steps": ["evaluation", "diagnostic", "plan-d-action"],
        "related_sheets": ["evaluer-une-action", "preparer-un-comite-de-pilotage"],
        "related_testimonies": ["le-reseau-regional-m-a-sauve"],
    },
    {
        "slug": "evaluer-une-action",
        "title": "Évaluer une action avec des moyens modestes",
        "summary": (
            "L'évaluation n'est pas réservée aux experts : quelques questions bien choisies, "
            "des indicateurs réalistes et un temps de bilan partagé suffisent à apprendre."
        ),
        "objectives": (
            "<ul><li>Savoir si l'action a atteint son public et ses objectifs.</li>"
            "<li>Améliorer l'action d'une année sur l'autre.</li>"
            "<li>Rendre compte aux financeurs et aux élus de manière lisible.</li></ul>"
        ),
        "steps": [
            (
                "Choisir les questions",
                "<p>Trois questions au plus : a-t-on touché le public visé ? Qu'est-ce qui a "
                "changé pour lui ? Qu'est-ce qui a facilité ou freiné ?</p>",
            ),
            (
                "Définir les indicateurs",
                "<p>Indicateurs de réalisation (ce qui a été fait) et de résultat (ce qui a "
                "changé), collectables sans effort démesuré.</p>",
            ),
            (
                "Collecter en continu",
                "<p>Feuilles de présence, courts questionnaires, témoignages : organisez la "
                "collecte dès le lancement.</p>",
            ),
            (
                "Analyser ensemble",
                "<p>Un temps de bilan avec les partenaires et, si possible, des habitants "
                "concernés.</p>",
            ),
        ],
        "body": [
            ("quote", "evaluer-sans-expert"),
            ("heading", "Compter ne suffit pas"),
            (
                "paragraph",
                "<p>Le nombre d'actions et de participants rassure mais ne dit rien des effets. "
                "Une évaluation utile raconte aussi ce qui a changé pour les personnes et pour "
                "les coopérations entre acteurs.</p>",
            ),
            (
                "callout",
                "info",
                "À savoir",
                "<p>Les centres de ressources et PromoSanté Île-de-France proposent un "
                "accompagnement méthodologique gratuit à l'évaluation.</p>",
            ),
        ],
        "resources": [
            (
                "Rédiger une fiche action",
                "Prévoir l'évaluation dès la conception.",
                "sheet:rediger-une-fiche-action",
            ),
        ],
        "themes": ["methodes-et-outils"],
        "dispositifs": ["asv", "cls", "clsm", "autre"],
        "audiences": ["coordinateur-confirme", "partenaires"],
        "project_steps": ["evaluation"],
        "related_sheets": ["rediger-une-fiche-action", "renouveler-un-cls"],
        "related_testimonies": ["evaluer-sans-expert", "soixante-actions-et-pas-de-recul"],
    },
    {
        "slug": "argumenter-aupres-des-elus",
        "title": "Présenter la démarche aux élus et à sa hiérarchie",
        "summary": (
            "Faire comprendre ce qu'apporte une démarche locale en santé, obtenir du temps et "
            "des moyens, et trouver sa juste place dans l'organisation."
        ),
        "objectives": (
            "<ul><li>Rendre la démarche lisible pour des décideurs pressés.</li>"
            "<li>Obtenir un portage politique explicite.</li>"
            "<li>Faire reconnaître la coordination comme un métier.</li></ul>"
        ),
        "steps": [
            (
                "Connaître les priorités de l'élu",
                "<p>Lisez le programme municipal et repérez les sujets où la santé rejoint ses "
                "préoccupations : tranquillité, jeunesse, vieillissement, attractivité.</p>",
            ),
            (
                "Préparer trois messages",
                "<p>Un constat chiffré, une réussite concrète, une demande précise.</p>",
            ),
            (
                "Montrer le terrain",
                "<p>Invitez l'élu à une action ou à une rencontre avec des habitants ou des "
                "usagers : l'expérience vaut tous les rapports.</p>",
            ),
            (
                "Formaliser",
                "<p>Obtenez une lettre de mission ou une délibération qui précise votre rôle.</p>",
            ),
        ],
        "body": [
            ("quote", "l-elu-qui-a-change-d-avis"),
            ("heading", "Coordinateur, pas animateur de toutes les actions"),
            (
                "paragraph",
                "<p>Beaucoup de coordinateurs se voient confier l'animation directe d'ateliers au "
                "détriment de la coordination. Expliquer la différence, chiffres à l'appui, est "
                "souvent la première négociation avec la hiérarchie.</p>",
            ),
        ],
        "resources": [
            (
                "Préparer et animer un comité de pilotage",
                "Pour les instances avec les élus.",
                "sheet:preparer-un-comite-de-pilotage",
            ),
        ],
        "themes": ["gouvernance-et-elus"],
        "dispositifs": ["asv", "cls", "clsm", "autre"],
        "audiences": ["nouveau-coordinateur", "elus-et-hierarchie"],
        "project_steps": ["prise-de-poste", "plan-d-action"],
        "related_sheets": ["preparer-un-comite-de-pilotage", "premiers-cent-jours"],
        "related_testimonies": [
            "fiche-de-poste-et-realite",
            "l-elu-qui-a-change-d-avis",
            "des-stands-qui-touchent-les-convaincus",
        ],
    },
    {
        "slug": "agir-sur-le-renoncement-aux-soins",
        "title": "Agir sur le renoncement aux soins",
        "summary": (
            "Repérer les personnes qui renoncent à se soigner, les accompagner vers leurs "
            "droits et vers les soins, et mobiliser les acteurs de l'accès aux soins."
        ),
        "objectives": (
            "<ul><li>Former les professionnels de première ligne au repérage.</li>"
            "<li>Organiser l'orientation vers l'ouverture des droits et les soins.</li>"
            "<li>Suivre les situations jusqu'au bout du parcours.</li></ul>"
        ),
        "steps": [
            (
                "Réunir les acteurs de l'accès aux droits",
                "<p>Assurance maladie, CCAS, PASS hospitalière, centres de santé, associations, "
                "médiateurs en santé.</p>",
            ),
            (
                "Former au repérage",
                "<p>Agents d'accueil, travailleurs sociaux et gardiens peuvent repérer les "
                "signaux : factures impayées, soins reportés, droits non ouverts.</p>",
            ),
            (
                "Organiser l'orientation",
                "<p>Un circuit simple, un interlocuteur identifié par structure, un retour au "
                "professionnel qui a orienté.</p>",
            ),
            (
                "Suivre et mesurer",
                "<p>Nombre de personnes orientées, droits ouverts, soins réalisés.</p>",
            ),
        ],
        "body": [
            ("quote", "renoncement-aux-soins-et-precarite"),
            ("heading", "La précarité au-delà des chiffres"),
            (
                "paragraph",
                "<p>Le renoncement aux soins touche d'abord les personnes en situation de "
                "précarité, mais pas seulement : travailleurs pauvres, étudiants, personnes "
                "âgées isolées. L'aller-vers et la médiation en santé sont les leviers les plus "
                "efficaces pour les atteindre.</p>",
            ),
        ],
        "resources": [
            (
                "Agence régionale de santé Île-de-France",
                "Le programme régional d'accès à la prévention et aux soins.",
                "https://www.iledefrance.ars.sante.fr/",
            ),
        ],
        "themes": ["acces-aux-soins", "precarite-inegalites"],
        "dispositifs": ["asv", "cls"],
        "audiences": ["coordinateur-confirme", "partenaires"],
        "project_steps": ["plan-d-action"],
        "related_sheets": ["conduire-un-diagnostic-local-de-sante"],
        "related_testimonies": [
            "renoncement-aux-soins-et-precarite",
            "la-mediatrice-ouvre-les-portes",
        ],
    },
]
