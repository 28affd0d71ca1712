"""The three pages every French public site carries, written as this site's own statements."""

from pages.models import Page

PUBLISHER_ADDRESS_FR = "Inserm, 101 rue de Tolbiac, 75013 Paris"
PUBLISHER_ADDRESS_EN = "Inserm, 101 rue de Tolbiac, 75013 Paris, France"
CONTACT_EMAIL = "presse@inserm.fr"

ACCESSIBILITY = {
    "role": Page.Role.ACCESSIBILITY,
    "compliance": Page.Compliance.PARTIAL,
    "slug_fr": "accessibilite",
    "slug_en": "accessibility",
    "title_fr": "Déclaration d’accessibilité",
    "title_en": "Accessibility statement",
    "lead_fr": (
        "L’Inserm s’engage à rendre ce site accessible conformément à l’article 47 de la loi n° 2005-102 "
        "du 11 février 2005."
    ),
    "lead_en": (
        "Inserm is committed to making this site accessible in accordance with article 47 of French law "
        "no. 2005-102 of 11 February 2005."
    ),
    "body_fr": f"""
<p>Cette déclaration s’applique au site de communication de l’Inserm : communiqués de presse, conventions
de partenariat, coopération internationale et chiffres clés.</p>
<h2>État de conformité</h2>
<p>Ce site est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de
l’accessibilité (RGAA), version 4.1, en attendant un audit complet.</p>
<p>Le site a été conçu en suivant les critères du RGAA (titres structurés, textes alternatifs, navigation
au clavier, contrastes, langue de chaque contenu indiquée). Aucun audit de conformité complet n’a encore
été réalisé : le taux de conformité sera publié ici à l’issue de cet audit.</p>
<h2>Contenus dont l’accessibilité est limitée</h2>
<ul>
<li>La carte interactive de la présence internationale peut être difficile à utiliser au clavier ou avec
un lecteur d’écran ; la liste des sites par continent qui l’accompagne donne la même information.</li>
<li>Les documents PDF joints aux communiqués de presse n’ont pas tous été vérifiés.</li>
<li>Certains contenus n’existent qu’en français : la version anglaise du site le signale et les affiche
en français.</li>
</ul>
<h2>Signaler un problème</h2>
<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous pour être orienté vers une
alternative accessible ou obtenir le contenu sous une autre forme : <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>,
en indiquant la page concernée et la difficulté rencontrée, ou par courrier : {PUBLISHER_ADDRESS_FR}.</p>
<h2>Voies de recours</h2>
<p>Si vous nous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un
service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :</p>
<ul>
<li>écrire au Défenseur des droits par le <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>
<li>contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits
dans votre région</a> ;</li>
<li>appeler le 09 69 39 00 00 ;</li>
<li>envoyer un courrier par la poste (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120,
75342 Paris CEDEX 07.</li>
</ul>
""",
    "body_en": f"""
<p>This statement covers Inserm’s communications site: press releases, partnership agreements,
international cooperation and key figures.</p>
<h2>Compliance status</h2>
<p>This site is <strong>partially compliant</strong> with the French general accessibility improvement
framework (RGAA), version 4.1, pending a full audit.</p>
<p>The site was built following the RGAA criteria (structured headings, text alternatives, keyboard
navigation, contrast, language of each content declared). No full compliance audit has been carried out
yet: the compliance rate will be published here once it has.</p>
<h2>Content with limited accessibility</h2>
<ul>
<li>The interactive map of Inserm’s international presence may be hard to use with a keyboard or a
screen reader; the list of sites by continent next to it gives the same information.</li>
<li>Not all PDF documents attached to press releases have been checked.</li>
<li>Some content exists in French only: the English version of the site says so and shows it in
French.</li>
</ul>
<h2>Reporting a problem</h2>
<p>If you cannot access some content or a service, write to us to be directed to an accessible
alternative or to receive the content in another form: <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>,
naming the page and the difficulty, or by post: {PUBLISHER_ADDRESS_EN}.</p>
<h2>Remedies</h2>
<p>If you have reported an accessibility problem that prevents you from accessing content or a service
and have not received a satisfactory answer, you may:</p>
<ul>
<li>write to the Défenseur des droits (the French rights ombudsman) through its
<a href="https://formulaire.defenseurdesdroits.fr/">online form</a>;</li>
<li>contact <a href="https://www.defenseurdesdroits.fr/saisir/delegues">the Défenseur des droits delegate
in your region</a>;</li>
<li>call +33 9 69 39 00 00;</li>
<li>send a letter (free of charge from France, no stamp needed): Défenseur des droits, Libre réponse 71120,
75342 Paris CEDEX 07, France.</li>
</ul>
""",
    "contact_email": CONTACT_EMAIL,
}

LEGAL_NOTICE = {
    "role": Page.Role.LEGAL,
    "compliance": Page.Compliance.NONE,
    "slug_fr": "mentions-legales",
    "slug_en": "legal-notice",
    "title_fr": "Mentions légales",
    "title_en": "Legal notice",
    "lead_fr": "",
    "lead_en": "",
    "body_fr": f"""
<h2>Éditeur</h2>
<p>Institut national de la santé et de la recherche médicale (Inserm), établissement public à caractère
scientifique et technologique, 101 rue de Tolbiac, 75013 Paris.</p>
<h2>Directeur de la publication</h2>
<p>Le président-directeur général de l’Inserm.</p>
<h2>Contact</h2>
<p>Service de presse de l’Inserm : <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>
<h2>Hébergement</h2>
<p>Le site est hébergé pour le compte de l’Inserm ; le nom et l’adresse de l’hébergeur sont communiqués
sur simple demande écrite adressée à l’éditeur.</p>
<h2>Réutilisation des contenus</h2>
<p>Les communiqués de presse peuvent être reproduits en citant leur source. Les logos des organismes
partenaires appartiennent à ces organismes et ne peuvent être réutilisés sans leur accord.</p>
<h2>Cartographie</h2>
<p>Fonds de carte : © les contributeurs d’OpenStreetMap, données sous licence ODbL.</p>
<h2>Liens</h2>
<p>Les liens vers d’autres sites sont fournis pour information ; l’Inserm n’est pas responsable de leur
contenu.</p>
""",
    "body_en": f"""
<h2>Publisher</h2>
<p>Institut national de la santé et de la recherche médicale (Inserm), the French National Institute for
Health and Medical Research, a public scientific and technological institution, 101 rue de Tolbiac,
75013 Paris, France.</p>
<h2>Publication director</h2>
<p>The Chairman and CEO of Inserm.</p>
<h2>Contact</h2>
<p>Inserm press office: <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>
<h2>Hosting</h2>
<p>The site is hosted on behalf of Inserm; the host’s name and address are given on written request to
the publisher.</p>
<h2>Reuse of content</h2>
<p>Press releases may be reproduced provided their source is cited. The logos of partner organisations
belong to those organisations and may not be reused without their consent.</p>
<h2>Maps</h2>
<p>Map tiles: © OpenStreetMap contributors, data under the ODbL licence.</p>
<h2>Links</h2>
<p>Links to other sites are given for information; Inserm is not responsible for their content.</p>
""",
    "contact_email": CONTACT_EMAIL,
}

PRIVACY = {
    "role": Page.Role.PRIVACY,
    "compliance": Page.Compliance.NONE,
    "slug_fr": "donnees-personnelles",
    "slug_en": "personal-data",
    "title_fr": "Données personnelles",
    "title_en": "Personal data",
    "lead_fr": (
        "Le responsable des traitements de données personnelles de ce site est l’Inserm, 101 rue de Tolbiac, "
        "75013 Paris."
    ),
    "lead_en": (
        "The controller of the personal data processed by this site is Inserm, 101 rue de Tolbiac, 75013 Paris, France."
    ),
    "body_fr": """
<h2>Visiteurs</h2>
<p>Ce site ne dépose aucun cookie de mesure d’audience ou de publicité et n’utilise aucun service de
suivi. Il ne dépose que les cookies techniques nécessaires à son fonctionnement (langue choisie, sécurité
des formulaires, session des personnes connectées à l’administration), exemptés de consentement.</p>
<p>Comme tout serveur web, le serveur du site peut enregistrer dans ses journaux techniques l’adresse IP
et les pages demandées, pour la sécurité et le bon fonctionnement du service ; ces journaux ne sont pas
utilisés à d’autres fins.</p>
<h2>Carte</h2>
<p>Les fonds de la carte de la présence internationale sont chargés depuis un serveur de tuiles
cartographiques (par défaut celui d’OpenStreetMap) : lorsque vous affichez la carte, votre navigateur lui
transmet votre adresse IP, comme pour toute ressource chargée sur le web.</p>
<h2>Personnes citées</h2>
<p>Les noms, fonctions et coordonnées professionnelles des personnes citées dans les communiqués et les
conventions (signataires, contacts presse) sont publiés au titre de la mission d’information du public
de l’Inserm.</p>
<h2>Équipe éditoriale</h2>
<p>Les comptes des membres de l’équipe éditoriale (identifiant, adresse électronique, historique des
modifications et des connexions) servent uniquement à la gestion du site.</p>
<h2>Vos droits</h2>
<p>Vous disposez d’un droit d’accès, de rectification, d’effacement, de limitation et d’opposition sur
les données qui vous concernent. Pour l’exercer, écrivez au délégué à la protection des données de
l’Inserm, 101 rue de Tolbiac, 75013 Paris. Si vous estimez, après nous avoir contactés, que vos droits ne
sont pas respectés, vous pouvez adresser une réclamation à la CNIL
(<a href="https://www.cnil.fr">www.cnil.fr</a>).</p>
""",
    "body_en": """
<h2>Visitors</h2>
<p>This site sets no audience-measurement or advertising cookie and uses no tracking service. It only
sets the technical cookies it needs to work (chosen language, form security, session of people signed in
to the administration), which require no consent.</p>
<p>Like any web server, the site’s server may record the IP address and the pages requested in its
technical logs, for the security and proper running of the service; these logs are used for nothing
else.</p>
<h2>Map</h2>
<p>The background of the map of Inserm’s international presence is loaded from a map tile server
(OpenStreetMap’s by default): when you display the map, your browser sends it your IP address, as for
any resource loaded on the web.</p>
<h2>People named</h2>
<p>The names, titles and professional contact details of the people named in press releases and
agreements (signatories, press contacts) are published as part of Inserm’s mission to inform the
public.</p>
<h2>Editorial team</h2>
<p>The accounts of editorial team members (login, e-mail address, history of changes and sign-ins) are
used only to run the site.</p>
<h2>Your rights</h2>
<p>You have the right to access, rectify and erase the data concerning you, to restrict its processing
and to object to it. To exercise these rights, write to Inserm’s data protection officer, 101 rue de
Tolbiac, 75013 Paris, France. If, after contacting us, you consider that your rights have not been
respected, you may lodge a complaint with the CNIL, the French data protection authority
(<a href="https://www.cnil.fr">www.cnil.fr</a>).</p>
""",
    "contact_email": "",
}

LEGAL_PAGES = (ACCESSIBILITY, LEGAL_NOTICE, PRIVACY)
