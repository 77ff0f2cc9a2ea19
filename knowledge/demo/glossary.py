"""Demo glossary: the acronyms and notions a new coordinator meets in the first weeks.

Each entry: slug (the natural key), term, acronym, definition (rich text) and the slugs of
related terms ("voir aussi").
"""

GLOSSARY = [
    {
        "slug": "asv",
        "term": "Atelier santé ville",
        "acronym": "ASV",
        "definition": (
            "<p>Démarche locale née de la politique de la ville, portée le plus souvent par une "
            "commune ou une intercommunalité. L'atelier santé ville réunit habitants, "
            "professionnels et institutions pour réduire les inégalités sociales et territoriales "
            "de santé dans les quartiers prioritaires. Son coordinateur anime le réseau, conduit "
            "le diagnostic et suit un programme d'actions.</p>"
        ),
        "see_also": ["qpv", "politique-de-la-ville", "contrat-de-ville", "cls"],
    },
    {
        "slug": "cls",
        "term": "Contrat local de santé",
        "acronym": "CLS",
        "definition": (
            "<p>Contrat signé entre l'ARS, une collectivité et d'autres partenaires (préfecture, "
            "assurance maladie, conseil départemental…) pour une durée de quelques années. Le "
            "contrat local de santé décline le projet régional de santé à l'échelle d'un "
            "territoire à partir d'un diagnostic partagé, sous forme de fiches actions.</p>"
        ),
        "see_also": ["ars", "prs", "diagnostic-local-de-sante", "asv"],
    },
    {
        "slug": "clsm",
        "term": "Conseil local de santé mentale",
        "acronym": "CLSM",
        "definition": (
            "<p>Espace de concertation présidé par un élu local, co-animé avec la psychiatrie "
            "publique, qui associe les usagers, les aidants et les acteurs du social, du logement "
            "et de l'éducation. Le conseil local de santé mentale définit des actions pour "
            "améliorer la santé mentale de la population, prévenir les situations de crise et "
            "lutter contre la stigmatisation.</p>"
        ),
        "see_also": ["sante-mentale", "ptsm", "cmp", "gem"],
    },
    {
        "slug": "ars",
        "term": "Agence régionale de santé",
        "acronym": "ARS",
        "definition": (
            "<p>Établissement public qui pilote la politique de santé dans la région : offre de "
            "soins, prévention, médico-social. En Île-de-France, l'ARS finance et accompagne les "
            "démarches locales en santé, notamment par ses délégations départementales.</p>"
        ),
        "see_also": ["dd-ars", "prs", "cls", "cpom"],
    },
    {
        "slug": "dd-ars",
        "term": "Délégation départementale de l'ARS",
        "acronym": "DD ARS",
        "definition": (
            "<p>Antenne de l'agence régionale de santé dans chaque département. Ses chargés de "
            "mission prévention et promotion de la santé sont les interlocuteurs quotidiens des "
            "coordinateurs pour le suivi des contrats et des financements.</p>"
        ),
        "see_also": ["ars", "cls"],
    },
    {
        "slug": "crpv",
        "term": "Centre de ressources politique de la ville",
        "acronym": "CRPV",
        "definition": (
            "<p>Structure qui outille les professionnels de la politique de la ville : "
            "qualification, rencontres entre pairs, documentation. Plusieurs CRPV franciliens "
            "proposent des temps d'échange pour les coordinateurs santé et des matinales pour "
            "les élus.</p>"
        ),
        "see_also": ["politique-de-la-ville", "asv"],
    },
    {
        "slug": "cpts",
        "term": "Communauté professionnelle territoriale de santé",
        "acronym": "CPTS",
        "definition": (
            "<p>Regroupement, à l'initiative des professionnels de santé libéraux, des acteurs du "
            "soin d'un territoire autour d'un projet commun : accès à un médecin traitant, soins "
            "non programmés, parcours, prévention. Un partenaire précieux pour les actions "
            "d'accès aux soins.</p>"
        ),
        "see_also": ["msp", "dac", "acces-aux-soins"],
    },
    {
        "slug": "qpv",
        "term": "Quartier prioritaire de la politique de la ville",
        "acronym": "QPV",
        "definition": (
            "<p>Quartier identifié par l'État à partir du revenu de ses habitants, où se "
            "concentrent les moyens de la politique de la ville. Les actions des ateliers santé "
            "ville s'adressent en priorité aux habitants des QPV.</p>"
        ),
        "see_also": ["politique-de-la-ville", "contrat-de-ville", "asv"],
    },
    {
        "slug": "prs",
        "term": "Projet régional de santé",
        "acronym": "PRS",
        "definition": (
            "<p>Document qui fixe, pour plusieurs années, les priorités de l'ARS dans la région. "
            "Les contrats locaux de santé en sont une déclinaison territoriale ; le connaître "
            "aide à argumenter ses demandes de financement.</p>"
        ),
        "see_also": ["praps", "ars", "cls"],
    },
    {
        "slug": "praps",
        "term": "Programme régional d'accès à la prévention et aux soins des plus démunis",
        "acronym": "PRAPS",
        "definition": (
            "<p>Volet du projet régional de santé consacré aux personnes en situation de "
            "précarité : ouverture des droits, accès aux soins, médiation, aller-vers.</p>"
        ),
        "see_also": ["prs", "pass", "mediation-en-sante"],
    },
    {
        "slug": "etp",
        "term": "Éducation thérapeutique du patient",
        "acronym": "ETP",
        "definition": (
            "<p>Accompagnement qui aide une personne vivant avec une maladie chronique à acquérir "
            "les compétences pour gérer son traitement et sa vie quotidienne. Attention : dans "
            "une fiche de poste, « ETP » désigne aussi l'équivalent temps plein.</p>"
        ),
        "see_also": ["promotion-de-la-sante", "msp"],
    },
    {
        "slug": "ccas",
        "term": "Centre communal d'action sociale",
        "acronym": "CCAS",
        "definition": (
            "<p>Établissement public communal qui conduit l'action sociale de la ville : aides, "
            "domiciliation, accompagnement des personnes âgées. Souvent un allié direct du "
            "coordinateur pour repérer les personnes qui renoncent aux soins.</p>"
        ),
        "see_also": ["acces-aux-soins", "pass"],
    },
    {
        "slug": "pmi",
        "term": "Protection maternelle et infantile",
        "acronym": "PMI",
        "definition": (
            "<p>Service du conseil départemental chargé de la santé des futurs parents et des "
            "enfants de moins de six ans : consultations, vaccinations, bilans en école "
            "maternelle, soutien à la parentalité.</p>"
        ),
        "see_also": ["promotion-de-la-sante"],
    },
    {
        "slug": "cmp",
        "term": "Centre médico-psychologique",
        "acronym": "CMP",
        "definition": (
            "<p>Lieu de consultation de proximité de la psychiatrie publique, rattaché à un "
            "secteur. Les délais d'accès y sont souvent longs : le CLSM travaille avec lui sur "
            "l'orientation et les situations complexes.</p>"
        ),
        "see_also": ["clsm", "sante-mentale", "ptsm"],
    },
    {
        "slug": "gem",
        "term": "Groupe d'entraide mutuelle",
        "acronym": "GEM",
        "definition": (
            "<p>Association de personnes concernées par des troubles psychiques, qui se "
            "soutiennent entre pairs et organisent elles-mêmes leurs activités. Les adhérents "
            "d'un GEM apportent la parole des usagers au conseil local de santé mentale.</p>"
        ),
        "see_also": ["clsm", "sante-mentale"],
    },
    {
        "slug": "ptsm",
        "term": "Projet territorial de santé mentale",
        "acronym": "PTSM",
        "definition": (
            "<p>Projet élaboré à l'échelle d'un département par l'ensemble des acteurs de la "
            "santé mentale pour organiser les parcours. Les CLSM en sont les relais de "
            "proximité.</p>"
        ),
        "see_also": ["clsm", "sante-mentale", "cmp"],
    },
    {
        "slug": "dac",
        "term": "Dispositif d'appui à la coordination",
        "acronym": "DAC",
        "definition": (
            "<p>Service qui aide les professionnels à organiser le parcours des personnes en "
            "situation complexe, quel que soit leur âge ou leur pathologie.</p>"
        ),
        "see_also": ["cpts", "intersectorialite"],
    },
    {
        "slug": "cpom",
        "term": "Contrat pluriannuel d'objectifs et de moyens",
        "acronym": "CPOM",
        "definition": (
            "<p>Contrat qui engage une structure et son financeur sur des objectifs et des moyens "
            "pour plusieurs années. Les associations partenaires d'un CLS en signent parfois "
            "avec l'ARS.</p>"
        ),
        "see_also": ["ars"],
    },
    {
        "slug": "msp",
        "term": "Maison de santé pluriprofessionnelle",
        "acronym": "MSP",
        "definition": (
            "<p>Structure où exercent ensemble médecins, infirmiers et autres professionnels "
            "autour d'un projet de santé. Les MSP portent souvent des actions de prévention avec "
            "la ville.</p>"
        ),
        "see_also": ["cpts", "etp"],
    },
    {
        "slug": "csapa",
        "term": "Centre de soins, d'accompagnement et de prévention en addictologie",
        "acronym": "CSAPA",
        "definition": (
            "<p>Structure médico-sociale qui accueille gratuitement les personnes ayant une "
            "consommation à risque ou une dépendance, ainsi que leur entourage. Partenaire "
            "fréquent des actions auprès des jeunes.</p>"
        ),
        "see_also": ["prevention", "sante-mentale"],
    },
    {
        "slug": "pass",
        "term": "Permanence d'accès aux soins de santé",
        "acronym": "PASS",
        "definition": (
            "<p>Service hospitalier qui soigne les personnes sans couverture maladie complète et "
            "les aide à ouvrir leurs droits. Indispensable à connaître pour orienter les publics "
            "en grande précarité.</p>"
        ),
        "see_also": ["praps", "acces-aux-soins", "mediation-en-sante"],
    },
    {
        "slug": "mediation-en-sante",
        "term": "Médiation en santé",
        "acronym": "",
        "definition": (
            "<p>Fonction d'interface entre les personnes éloignées du système de santé et les "
            "professionnels : aller vers les habitants, faciliter l'ouverture des droits, "
            "accompagner vers les soins. Les médiateurs et médiatrices en santé travaillent "
            "souvent aux côtés des coordinateurs ASV.</p>"
        ),
        "see_also": ["acces-aux-soins", "asv", "pass"],
    },
    {
        "slug": "promotion-de-la-sante",
        "term": "Promotion de la santé",
        "acronym": "",
        "definition": (
            "<p>Démarche qui donne aux personnes et aux groupes davantage de maîtrise sur leur "
            "propre santé en agissant sur ses déterminants : conditions de vie, environnement, "
            "compétences, accès aux services. Elle dépasse la seule prévention des maladies et "
            "fonde le métier de coordinateur.</p>"
        ),
        "see_also": ["prevention", "intersectorialite", "etp"],
    },
    {
        "slug": "prevention",
        "term": "Prévention",
        "acronym": "",
        "definition": (
            "<p>Ensemble des actions qui visent à éviter l'apparition, l'aggravation ou les "
            "conséquences d'un problème de santé : vaccination, dépistage, information. Une "
            "campagne ponctuelle ne remplace pas une démarche de promotion de la santé dans la "
            "durée.</p>"
        ),
        "see_also": ["promotion-de-la-sante"],
    },
    {
        "slug": "diagnostic-local-de-sante",
        "term": "Diagnostic local de santé",
        "acronym": "DLS",
        "definition": (
            "<p>État des lieux partagé de la santé d'un territoire qui croise données "
            "statistiques, parole des professionnels et parole des habitants. Il fonde les "
            "priorités d'un ASV, d'un CLS ou d'un CLSM et sert de référence pour l'évaluation.</p>"
        ),
        "see_also": ["cls", "asv", "evaluation"],
    },
    {
        "slug": "politique-de-la-ville",
        "term": "Politique de la ville",
        "acronym": "",
        "definition": (
            "<p>Politique publique de cohésion urbaine qui concentre des moyens sur les "
            "quartiers prioritaires pour réduire les écarts avec le reste de l'agglomération. "
            "La santé en est l'un des piliers, porté localement par les ateliers santé ville.</p>"
        ),
        "see_also": ["qpv", "contrat-de-ville", "crpv", "asv"],
    },
    {
        "slug": "contrat-de-ville",
        "term": "Contrat de ville",
        "acronym": "",
        "definition": (
            "<p>Contrat qui organise la politique de la ville sur une agglomération, signé par "
            "l'État, les collectivités et leurs partenaires. Son volet santé s'appuie souvent "
            "sur l'atelier santé ville.</p>"
        ),
        "see_also": ["politique-de-la-ville", "qpv"],
    },
    {
        "slug": "sante-mentale",
        "term": "Santé mentale",
        "acronym": "",
        "definition": (
            "<p>État de bien-être qui permet à chacun de faire face aux difficultés de la vie, "
            "de travailler et de participer à la vie de la cité. La santé mentale ne se réduit "
            "pas à l'absence de troubles psychiques : logement, emploi et liens sociaux y "
            "contribuent.</p>"
        ),
        "see_also": ["clsm", "ptsm", "gem", "cmp"],
    },
    {
        "slug": "intersectorialite",
        "term": "Intersectorialité",
        "acronym": "",
        "definition": (
            "<p>Travail conjoint de secteurs qui n'ont pas l'habitude de coopérer (santé, social, "
            "éducation, urbanisme, transport…) autour d'un objectif de santé partagé. C'est le "
            "cœur du métier de coordination : faire tomber les cloisons entre services.</p>"
        ),
        "see_also": ["promotion-de-la-sante", "dac"],
    },
    {
        "slug": "acces-aux-soins",
        "term": "Accès aux soins",
        "acronym": "",
        "definition": (
            "<p>Possibilité effective d'obtenir les soins dont on a besoin : droits ouverts, "
            "professionnels disponibles à distance raisonnable, coût supportable, information "
            "compréhensible. Le renoncement aux soins en est l'indicateur le plus parlant.</p>"
        ),
        "see_also": ["pass", "mediation-en-sante", "cpts", "ccas"],
    },
    {
        "slug": "evaluation",
        "term": "Évaluation",
        "acronym": "",
        "definition": (
            "<p>Démarche qui porte un jugement sur la valeur d'une action ou d'un programme à "
            "partir de critères définis à l'avance : ce qui a été fait, pour qui, avec quels "
            "effets. Elle se prépare dès la conception du plan d'action.</p>"
        ),
        "see_also": ["diagnostic-local-de-sante"],
    },
    {
        "slug": "cps",
        "term": "Compétences psychosociales",
        "acronym": "CPS",
        "definition": (
            "<p>Capacités qui permettent de faire face aux exigences de la vie quotidienne : "
            "gérer ses émotions, communiquer, résoudre un problème, avoir confiance en soi. Leur "
            "développement chez les enfants et les jeunes est une stratégie de prévention "
            "reconnue.</p>"
        ),
        "see_also": ["promotion-de-la-sante", "prevention"],
    },
]
