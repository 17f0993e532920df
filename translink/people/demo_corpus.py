"""A fictional research institute's people and publications, for the demo database.

Everything here is invented: the names are random pairings of first and last names from many
origins, the journals do not exist, PMIDs sit in an unused range starting with 9 and DOIs use
the reserved example prefix 10.5555. Titles and abstracts are composed from per-area
vocabularies (targets, diseases, methods, interventions, models) so that they read like real
biomedical papers and so that each researcher's expertise is recognisable from their papers.

The module is pure Python: no Django, no I/O, and every random choice comes from one
``random.Random(seed)``, so the same arguments always give equal results.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

FOCUS_AREAS: dict[str, str] = {
    "epigenetics": "Epigenetics",
    "neuro": "Neuroinflammation and neurodegeneration",
    "cancer_immunology": "Cancer immunology",
    "microbiome": "The microbiome",
    "rare_diseases": "Rare diseases",
}

TITLES: tuple[str, ...] = ("Instructor", "Assistant Professor", "Associate Professor", "Professor")
EMAIL_DOMAIN = "institute.example"
FIRST_YEAR = 2012
LAST_YEAR = 2026


@dataclass(frozen=True)
class DemoDepartment:
    """A department of the fictional institute."""

    code: str
    name: str


@dataclass(frozen=True)
class DemoPublication:
    """A fictional paper; ``position`` is the researcher's 1-based place in ``authors``."""

    title: str
    abstract: str
    journal: str
    year: int
    pmid: str
    doi: str
    mesh_terms: tuple[str, ...]
    authors: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class DemoResearcher:
    """A fictional member of the institute's faculty with their publications."""

    key: str
    full_name: str
    title: str
    email: str
    departments: tuple[str, ...]
    focus_areas: tuple[str, ...]
    specialties: tuple[str, ...]
    open_to_industry: bool
    bio: str
    publications: tuple[DemoPublication, ...]


# --------------------------------------------------------------------------------------------
# Departments

_DEPARTMENTS: tuple[tuple[str, str], ...] = (
    ("neurol", "Neurology"),
    ("psych", "Psychiatry"),
    ("onc", "Oncology"),
    ("immunol", "Immunology"),
    ("gi", "Gastroenterology and the Microbiome"),
    ("rad", "Radiology"),
    ("path", "Pathology"),
    ("peds", "Pediatrics"),
    ("med", "Medicine"),
    ("genet", "Genetics"),
    ("nsurg", "Neurosurgery"),
    ("derm", "Dermatology"),
    ("cardio", "Cardiology"),
    ("ophth", "Ophthalmology"),
    ("endo", "Endocrinology"),
)


def departments() -> list[DemoDepartment]:
    """Return the institute's departments in a fixed order."""
    return [DemoDepartment(code=code, name=name) for code, name in _DEPARTMENTS]


# --------------------------------------------------------------------------------------------
# Names: invented pairings of first and last names of varied origins.

_FIRST_NAMES: tuple[str, ...] = (
    "Adaeze", "Chinedu", "Oluwaseun", "Kwame", "Abena", "Folake", "Emeka", "Yaw", "Nneka",
    "Kofi", "Wanjiru", "Amani", "Tendai", "Zawadi", "Baraka", "Layla", "Omar", "Yasmin",
    "Karim", "Rania", "Tariq", "Nadia", "Samir", "Leila", "Youssef", "Darius", "Shirin",
    "Parisa", "Kian", "Navid", "Elif", "Emre", "Deniz", "Selin", "Priya", "Arjun", "Ananya",
    "Rohan", "Kavya", "Vikram", "Meera", "Sanjay", "Divya", "Farhan", "Aisha", "Nikhil",
    "Lakshmi", "Ishaan", "Mei", "Wei", "Haruto", "Yuki", "Sora", "Jiho", "Minji", "Seo-yeon",
    "Hana", "Kenji", "Xiaoling", "Jun", "Hiroshi", "Linh", "Minh", "Thanh", "Ayu", "Rizal",
    "Sofia", "Mateo", "Valentina", "Diego", "Camila", "Joaquin", "Lucia", "Rafael", "Ximena",
    "Andres", "Isabela", "Thiago", "Ingrid", "Lars", "Freya", "Matteo", "Giulia", "Chiara",
    "Luca", "Elena", "Tomasz", "Agnieszka", "Katarzyna", "Pieter", "Anouk", "Sven", "Astrid",
    "Bram", "Aurelie", "Mathieu", "Camille", "Hugo", "Niamh", "Siobhan", "Ciaran", "Eamon",
    "Dmitri", "Anya", "Mikhail", "Irina", "Zofia", "Henrik", "Johanna", "Greta", "Hannah",
    "Caleb", "Margaret", "Owen", "Rebecca", "Nathan", "Claire", "Julian", "Grace", "Elliot",
    "Naomi", "Theo", "Iris", "Miles", "Ruth", "Kai", "Noa", "Tal", "Avi", "Yael", "Ilana",
    "Aroha", "Tane", "Sigrid", "Malia", "Keoni", "Amara", "Ife", "Soren", "Anika", "Ravi",
    "Leilani", "Mirela", "Bogdan", "Ines", "Tiago",
)  # fmt: skip

_LAST_NAMES: tuple[str, ...] = (
    "Okafor", "Adeyemi", "Mensah", "Owusu", "Nwosu", "Eze", "Boateng", "Abiodun", "Kamau",
    "Njoroge", "Mwangi", "Otieno", "Tesfaye", "Bekele", "Alemu", "Diallo", "Traore", "Keita",
    "Haddad", "Khoury", "Nasser", "Farouk", "Mansour", "Saleh", "Tehrani", "Rahimi", "Karimi",
    "Yilmaz", "Demir", "Aydin", "Kaya", "Sharma", "Iyer", "Raman", "Menon", "Chaudhry",
    "Kapoor", "Reddy", "Banerjee", "Desai", "Pillai", "Qureshi", "Siddiqui", "Chen", "Wang",
    "Liu", "Zhang", "Huang", "Zhou", "Tanaka", "Sato", "Nakamura", "Watanabe", "Kobayashi",
    "Park", "Kim", "Choi", "Jeong", "Han", "Nguyen", "Tran", "Pham", "Le", "Santos", "Reyes",
    "Cruz", "Mendoza", "Alvarez", "Herrera", "Castillo", "Morales", "Ortega", "Vargas",
    "Rojas", "Delgado", "Navarro", "Ferreira", "Oliveira", "Costa", "Almeida", "Rossi",
    "Bianchi", "Romano", "Esposito", "Moretti", "Conti", "Ricci", "Lindqvist", "Johansson",
    "Berg", "Nilsson", "Halvorsen", "Virtanen", "Korhonen", "Jansen", "de Vries", "van Dijk",
    "Bakker", "Visser", "Dubois", "Lefebvre", "Moreau", "Laurent", "Fontaine", "Keller",
    "Weber", "Hoffmann", "Schreiber", "Brandt", "Kowalczyk", "Nowak", "Wojcik", "Zielinski",
    "Novak", "Horvat", "Szabo", "Nagy", "Popescu", "Ionescu", "Dimitriou", "Papadakis",
    "Georgiou", "O'Brien", "Walsh", "Gallagher", "Byrne", "MacLeod", "Fraser", "Campbell",
    "Whitaker", "Hargrove", "Ellsworth", "Pennington", "Caldwell", "Foster", "Kaplan",
    "Friedman", "Levy", "Mizrahi", "Avraham", "Ben-David", "Tuilagi", "Ngata", "Kealoha",
    "Abdi", "Warsame", "Sow", "Fofana", "Lungu", "Banda", "Phiri", "Moyo", "Sithole",
    "Dlamini", "Rasmussen", "Eriksen", "Petrovic", "Kovacevic", "Marin", "Vidal", "Serrano",
    "Okeke", "Achterberg", "Quispe", "Mamani", "Huaman", "Torres", "Salazar", "Aguilar",
    "Bui", "Vo", "Dang", "Lim", "Tan", "Goh", "Ong", "Santoso", "Wijaya", "Hakimi",
    "Barzani", "Aziz",
)  # fmt: skip

_MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTW"


# --------------------------------------------------------------------------------------------
# Vocabularies


@dataclass(frozen=True)
class _Niche:
    """A specialty within an area and the vocabulary its papers favour."""

    label: str
    targets: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    readouts: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    cohorts: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Profile:
    """What belongs with one disease, for areas where diseases do not mix and match."""

    targets: tuple[str, ...]
    interventions: tuple[str, ...]
    readouts: tuple[str, ...]
    systems: tuple[str, ...]


@dataclass(frozen=True)
class _Area:
    """Everything needed to write papers in one focus area.

    ``diseases``, ``targets``, ``methods`` and ``interventions`` map a phrase to its MeSH
    heading; ``features`` maps a method to what it finds (counted in results); methods listed
    in ``clinical_methods`` only suit people and those in ``lab_methods`` only experiments.

    Templates are ``str.format`` strings over the slots that ``_fill_slots`` fills and the
    statistics of ``_numbers``; a capitalised slot name (``{Target}``) gives a capitalised
    phrase; a leading ``@`` marks a template that only suits experimental papers and ``!`` one
    that only suits studies of people.
    """

    code: str
    diseases: dict[str, str]
    targets: dict[str, str]
    methods: dict[str, str]
    interventions: dict[str, str]
    extra_terms: tuple[str, ...]
    cohorts: tuple[str, ...]
    systems: tuple[str, ...]
    readouts: tuple[str, ...]
    features: dict[str, tuple[str, ...]]
    niches: tuple[_Niche, ...]
    titles: tuple[str, ...]
    backgrounds: tuple[str, ...]
    results: tuple[str, ...]
    conclusions: tuple[str, ...]
    journals: tuple[str, ...]
    mesh: tuple[str, ...]
    departments: tuple[tuple[str, int], ...]
    partners: tuple[str, ...] = ()
    profiles: dict[str, _Profile] = field(default_factory=dict)
    clinical_methods: tuple[str, ...] = ()
    lab_methods: tuple[str, ...] = ()


_EPIGENETICS = _Area(
    code="epigenetics",
    clinical_methods=(),
    lab_methods=("CRISPR-dCas9 epigenome editing",),
    diseases={
        "acute myeloid leukemia": "Leukemia, Myeloid, Acute",
        "myelodysplastic syndromes": "Myelodysplastic Syndromes",
        "clear cell renal cell carcinoma": "Carcinoma, Renal Cell",
        "diffuse midline glioma": "Glioma",
        "Rett syndrome": "Rett Syndrome",
        "Beckwith-Wiedemann syndrome": "Beckwith-Wiedemann Syndrome",
        "type 2 diabetes": "Diabetes Mellitus, Type 2",
        "heart failure with preserved ejection fraction": "Heart Failure",
        "atherosclerosis": "Atherosclerosis",
        "systemic lupus erythematosus": "Lupus Erythematosus, Systemic",
        "cutaneous T-cell lymphoma": "Lymphoma, T-Cell, Cutaneous",
        "endometrial cancer": "Endometrial Neoplasms",
    },
    targets={
        "DNA methylation": "DNA Methylation",
        "DNMT3A": "DNA Methyltransferase 3A",
        "TET2": "Dioxygenases",
        "EZH2": "Enhancer of Zeste Homolog 2 Protein",
        "polycomb repressive complex 2": "Polycomb Repressive Complex 2",
        "H3K27 trimethylation": "Histones",
        "H3K27ac-marked enhancers": "Enhancer Elements, Genetic",
        "BRD4": "Transcription Factors",
        "histone deacetylase activity": "Histone Deacetylases",
        "SWI/SNF chromatin remodeling": "Chromatin Assembly and Disassembly",
        "ARID1A": "DNA-Binding Proteins",
        "the KMT2A-menin interaction": "Histone-Lysine N-Methyltransferase",
        "CTCF-mediated chromatin looping": "CCCTC-Binding Factor",
        "m6A RNA methylation": "Methylation",
        "long noncoding RNA": "RNA, Long Noncoding",
        "the DNA methylation clock": "Epigenesis, Genetic",
    },
    methods={
        "ATAC-seq chromatin accessibility profiling": "Chromatin",
        "whole-genome bisulfite sequencing": "Whole Genome Sequencing",
        "CUT&RUN histone profiling": "Chromatin Immunoprecipitation Sequencing",
        "ChIP-seq": "Chromatin Immunoprecipitation Sequencing",
        "CRISPR-dCas9 epigenome editing": "Gene Editing",
        "Hi-C chromosome conformation capture": "Chromosomes",
        "single-cell multiome sequencing": "Single-Cell Analysis",
        "genome-wide methylation arrays": "Epigenome",
        "nanopore methylation calling": "Nanopore Sequencing",
    },
    interventions={
        "HDAC inhibitors": "Histone Deacetylase Inhibitors",
        "hypomethylating agents": "Antimetabolites, Antineoplastic",
        "EZH2 inhibitors": "Enzyme Inhibitors",
        "BET bromodomain inhibitors": "Antineoplastic Agents",
        "menin inhibitors": "Antineoplastic Agents",
        "dCas9-KRAB transcriptional repression": "Gene Editing",
        "dCas9-TET1 targeted demethylation": "Gene Editing",
        "high-dose ascorbate": "Ascorbic Acid",
    },
    extra_terms=(
        "epigenetic",
        "epigenome",
        "epigenomic",
        "chromatin",
        "histone",
        "methylation",
        "hypermethylation",
        "enhancer",
        "enhancers",
    ),
    cohorts=(
        "peripheral blood samples from {n} participants",
        "a population-based cohort of {n} adults",
        "tumor biopsies from {n} patients",
        "{n} patients enrolled in a prospective registry",
    ),
    systems=(
        "patient-derived leukemia xenografts",
        "primary CD34+ hematopoietic progenitors",
        "isogenic iPSC lines",
        "mouse embryonic stem cells",
        "patient-derived tumor organoids",
        "Tet2-deficient mice",
        "human iPSC-derived cardiomyocytes",
    ),
    readouts=(
        "aberrant self-renewal",
        "leukemic engraftment",
        "tumor growth",
        "promoter hypermethylation",
        "transcriptional silencing",
        "fibrotic remodeling",
        "therapy resistance",
        "inflammatory gene activation",
    ),
    features={
        "ATAC-seq chromatin accessibility profiling": (
            "differentially accessible chromatin regions",
            "cell-type-specific enhancers",
        ),
        "whole-genome bisulfite sequencing": (
            "differentially methylated regions",
            "partially methylated domains",
        ),
        "CUT&RUN histone profiling": ("H3K27me3-marked domains", "bivalent promoters"),
        "ChIP-seq": ("super-enhancers", "transcription factor binding sites"),
        "Hi-C chromosome conformation capture": (
            "topologically associating domain boundaries",
            "enhancer-promoter loops",
        ),
        "single-cell multiome sequencing": ("lineage-specific regulatory elements",),
        "genome-wide methylation arrays": ("differentially methylated CpG sites",),
        "nanopore methylation calling": ("allele-specific methylation sites", "imprinted loci"),
    },
    niches=(
        _Niche(
            "DNA methylation in leukemia",
            cohorts=("diagnostic bone marrow from {n} patients",),
            readouts=("aberrant self-renewal", "leukemic engraftment", "therapy resistance"),
            systems=(
                "patient-derived leukemia xenografts",
                "primary CD34+ hematopoietic progenitors",
                "Tet2-deficient mice",
            ),
            targets=("DNA methylation", "DNMT3A", "TET2"),
            diseases=("acute myeloid leukemia", "myelodysplastic syndromes"),
            methods=("whole-genome bisulfite sequencing",),
            interventions=("hypomethylating agents", "high-dose ascorbate"),
        ),
        _Niche(
            "polycomb biology",
            readouts=("tumor growth", "transcriptional silencing"),
            systems=("patient-derived tumor organoids", "mouse embryonic stem cells"),
            targets=("EZH2", "polycomb repressive complex 2", "H3K27 trimethylation"),
            diseases=("diffuse midline glioma", "endometrial cancer"),
            methods=("CUT&RUN histone profiling", "ChIP-seq"),
            interventions=("EZH2 inhibitors",),
        ),
        _Niche(
            "HDAC/BET inhibitor pharmacology",
            readouts=("tumor growth", "therapy resistance"),
            systems=("patient-derived leukemia xenografts", "patient-derived tumor organoids"),
            targets=("histone deacetylase activity", "BRD4"),
            diseases=("cutaneous T-cell lymphoma", "acute myeloid leukemia"),
            interventions=("HDAC inhibitors", "BET bromodomain inhibitors"),
        ),
        _Niche(
            "epigenome editing",
            readouts=("transcriptional silencing", "promoter hypermethylation"),
            systems=(
                "isogenic iPSC lines",
                "human iPSC-derived cardiomyocytes",
                "primary CD34+ hematopoietic progenitors",
            ),
            targets=("DNA methylation", "H3K27ac-marked enhancers"),
            methods=("CRISPR-dCas9 epigenome editing",),
            interventions=(
                "dCas9-KRAB transcriptional repression",
                "dCas9-TET1 targeted demethylation",
            ),
        ),
        _Niche(
            "3D genome organization",
            readouts=("oncogene activation", "transcriptional silencing"),
            systems=("isogenic iPSC lines", "mouse embryonic stem cells"),
            targets=("CTCF-mediated chromatin looping", "H3K27ac-marked enhancers"),
            methods=(
                "Hi-C chromosome conformation capture",
                "ATAC-seq chromatin accessibility profiling",
            ),
        ),
        _Niche(
            "epigenetic aging clocks",
            readouts=("fibrotic remodeling", "inflammatory gene activation", "vascular aging"),
            systems=("human iPSC-derived cardiomyocytes",),
            targets=("the DNA methylation clock", "DNA methylation"),
            diseases=(
                "type 2 diabetes",
                "heart failure with preserved ejection fraction",
                "atherosclerosis",
            ),
            methods=("genome-wide methylation arrays",),
        ),
        _Niche(
            "chromatin remodeling in cancer",
            readouts=("tumor growth", "therapy resistance", "oncogene activation"),
            systems=("patient-derived tumor organoids", "patient-derived leukemia xenografts"),
            targets=("SWI/SNF chromatin remodeling", "ARID1A", "the KMT2A-menin interaction"),
            diseases=(
                "clear cell renal cell carcinoma",
                "endometrial cancer",
                "acute myeloid leukemia",
            ),
            interventions=("menin inhibitors",),
        ),
        _Niche(
            "RNA modifications",
            readouts=("therapy resistance", "aberrant self-renewal"),
            systems=("patient-derived leukemia xenografts", "mouse embryonic stem cells"),
            targets=("m6A RNA methylation", "long noncoding RNA"),
            methods=("nanopore methylation calling", "single-cell multiome sequencing"),
        ),
        _Niche(
            "genomic imprinting",
            readouts=("loss of imprinting", "transcriptional silencing"),
            systems=("isogenic iPSC lines", "mouse embryonic stem cells"),
            targets=("DNA methylation", "long noncoding RNA"),
            diseases=("Rett syndrome", "Beckwith-Wiedemann syndrome"),
            methods=("nanopore methylation calling",),
        ),
        _Niche(
            "autoimmune epigenomics",
            readouts=("inflammatory gene activation", "autoantibody production"),
            targets=("DNA methylation", "H3K27ac-marked enhancers"),
            diseases=("systemic lupus erythematosus",),
            methods=(
                "single-cell multiome sequencing",
                "ATAC-seq chromatin accessibility profiling",
            ),
        ),
    ),
    titles=(
        "Epigenome-wide association study of {disease} in {cohort}",
        "@CRISPR-dCas9 epigenome editing of {target} in {model}",
        "Epigenetic age acceleration and risk of {disease}: {design}",
        "Chromatin state maps of {disease} resolved by {method}",
        "DNA methylation signatures of response to {intervention} in {disease}",
        "Enhancer reprogramming and {readout} in {disease}",
        "@Histone modification crosstalk involving {target} in {model}",
        "Epigenetic regulation of {target} in {disease}",
    ),
    backgrounds=(
        "Epigenetic dysregulation is a hallmark of {disease}, yet the contribution of {target} "
        "to {readout} remains incompletely understood.",
        "Unlike genetic lesions, changes in chromatin state are potentially reversible, making "
        "{target} an attractive therapeutic entry point in {disease}.",
        "Treatment with {intervention} has shown activity in selected patients with {disease}, "
        "but epigenetic predictors of benefit are lacking.",
    ),
    results=(
        "Genome-wide, we identified {k} {feature}, {pct}% of which overlapped enhancers marked "
        "by H3K27ac.",
        "!Epigenetic age was accelerated by {yrs} years in patients with {disease} relative to "
        "matched controls ({p}).",
        "@Targeted perturbation of {target} reduced {readout} by {pct}%, and the effect "
        "persisted for {weeks} weeks after a single treatment.",
        "!Chromatin accessibility at {k} loci distinguished responders from non-responders to "
        "{intervention} (area under the curve {auc}).",
    ),
    conclusions=(
        "These data position {target} as a reversible epigenetic dependency in {disease}.",
        "Epigenetic biomarkers may enable patient selection for trials of {intervention} in "
        "{disease}.",
    ),
    journals=(
        "Epigenetic Medicine Reports",
        "Chromatin Biology and Disease",
        "Journal of Clinical Epigenomics",
        "Methylation and Gene Regulation Letters",
    ),
    mesh=("Epigenesis, Genetic",),
    departments=(
        ("genet", 4),
        ("onc", 3),
        ("med", 2),
        ("path", 2),
        ("cardio", 1),
        ("endo", 1),
        ("derm", 1),
    ),
    partners=("cancer_immunology", "rare_diseases", "neuro"),
)

_NEURO = _Area(
    code="neuro",
    clinical_methods=(
        "tau PET imaging",
        "TSPO PET imaging",
        "plasma p-tau217 assays",
        "CSF proteomics",
        "diffusion tensor imaging",
        "alpha-synuclein seed amplification assays",
        "spatial transcriptomics of postmortem brain",
    ),
    lab_methods=("two-photon in vivo imaging",),
    diseases={
        "Alzheimer's disease": "Alzheimer Disease",
        "Parkinson's disease": "Parkinson Disease",
        "amyotrophic lateral sclerosis": "Amyotrophic Lateral Sclerosis",
        "sporadic ALS": "Amyotrophic Lateral Sclerosis",
        "frontotemporal dementia": "Frontotemporal Dementia",
        "multiple sclerosis": "Multiple Sclerosis",
        "progressive supranuclear palsy": "Supranuclear Palsy, Progressive",
        "dementia with Lewy bodies": "Lewy Body Disease",
        "Huntington's disease": "Huntington Disease",
        "traumatic brain injury": "Brain Injuries, Traumatic",
        "ischemic stroke": "Ischemic Stroke",
        "treatment-resistant depression": "Depressive Disorder, Treatment-Resistant",
        "schizophrenia": "Schizophrenia",
        "mild cognitive impairment": "Cognitive Dysfunction",
    },
    targets={
        "TREM2": "Receptors, Immunologic",
        "alpha-synuclein": "alpha-Synuclein",
        "tau": "tau Proteins",
        "amyloid-beta": "Amyloid beta-Peptides",
        "complement C1q": "Complement C1q",
        "the NLRP3 inflammasome": "NLR Family, Pyrin Domain-Containing 3 Protein",
        "TDP-43": "DNA-Binding Proteins",
        "APOE4": "Apolipoprotein E4",
        "LRRK2": "Leucine-Rich Repeat Serine-Threonine Protein Kinase-2",
        "C9orf72 function": "C9orf72 Protein",
        "CSF1R signaling": "Receptor, Macrophage Colony-Stimulating Factor",
        "the glymphatic system": "Glymphatic System",
        "interleukin-1 beta": "Interleukin-1beta",
        "mutant huntingtin": "Huntingtin Protein",
    },
    methods={
        "tau PET imaging": "Positron-Emission Tomography",
        "TSPO PET imaging": "Positron-Emission Tomography",
        "single-nucleus RNA sequencing": "Single-Cell Gene Expression Analysis",
        "plasma p-tau217 assays": "Biomarkers",
        "CSF proteomics": "Proteomics",
        "alpha-synuclein seed amplification assays": "Biological Assay",
        "diffusion tensor imaging": "Diffusion Tensor Imaging",
        "two-photon in vivo imaging": "Microscopy, Fluorescence, Multiphoton",
        "spatial transcriptomics of postmortem brain": "Transcriptome",
    },
    interventions={
        "TREM2 agonist antibodies": "Antibodies, Monoclonal",
        "anti-amyloid monoclonal antibodies": "Antibodies, Monoclonal",
        "NLRP3 inhibitors": "Anti-Inflammatory Agents",
        "CSF1R inhibitors": "Protein Kinase Inhibitors",
        "complement C1q blockade": "Complement Inactivating Agents",
        "LRRK2 kinase inhibitors": "Protein Kinase Inhibitors",
        "deep brain stimulation": "Deep Brain Stimulation",
        "low-dose ketamine": "Ketamine",
        "intrathecal SOD1 silencing": "Gene Silencing",
    },
    extra_terms=(
        "microglia",
        "microglial",
        "astrocytes",
        "astrocytic",
        "neuroinflammation",
        "neuroinflammatory",
        "neurodegeneration",
        "neurodegenerative",
        "ALS",
    ),
    cohorts=(
        "postmortem prefrontal cortex from {n} donors",
        "a memory clinic cohort of {n} participants",
        "a community-based cohort of {n} older adults",
        "{n} patients from a multicenter biomarker study",
        "cerebrospinal fluid from {n} patients",
    ),
    systems=(
        "APP/PS1 mice",
        "5xFAD mice",
        "PS19 tau transgenic mice",
        "SOD1-G93A mice",
        "iPSC-derived microglia",
        "human cerebral organoids",
        "mice with experimental autoimmune encephalomyelitis",
        "organotypic human brain slices",
    ),
    readouts=(
        "synapse loss",
        "microglial activation",
        "neuronal loss",
        "pathology spreading",
        "cognitive decline",
        "demyelination",
        "astrocyte reactivity",
        "motor neuron degeneration",
        "blood-brain barrier leakage",
    ),
    features={
        "single-nucleus RNA sequencing": (
            "genes differentially expressed in disease-associated microglia",
            "glial genes altered in disease",
        ),
        "CSF proteomics": ("differentially abundant CSF proteins",),
        "spatial transcriptomics of postmortem brain": (
            "spatially variable genes near amyloid plaques",
            "genes altered in vulnerable neuronal populations",
        ),
    },
    niches=(
        _Niche(
            "microglial biology",
            readouts=("microglial activation", "synapse loss"),
            systems=("APP/PS1 mice", "5xFAD mice", "iPSC-derived microglia"),
            targets=("TREM2", "CSF1R signaling", "complement C1q"),
            diseases=("Alzheimer's disease",),
            methods=("single-nucleus RNA sequencing", "two-photon in vivo imaging"),
            interventions=("TREM2 agonist antibodies", "CSF1R inhibitors"),
        ),
        _Niche(
            "tau PET imaging",
            readouts=("pathology spreading", "cognitive decline"),
            systems=("PS19 tau transgenic mice",),
            targets=("tau", "amyloid-beta"),
            diseases=(
                "Alzheimer's disease",
                "progressive supranuclear palsy",
                "mild cognitive impairment",
            ),
            methods=("tau PET imaging",),
        ),
        _Niche(
            "Parkinson's disease biology",
            readouts=("neuronal loss", "pathology spreading"),
            systems=("alpha-synuclein preformed fibril-injected mice", "human midbrain organoids"),
            targets=("alpha-synuclein", "LRRK2"),
            diseases=("Parkinson's disease", "dementia with Lewy bodies"),
            methods=("alpha-synuclein seed amplification assays",),
            interventions=("LRRK2 kinase inhibitors", "deep brain stimulation"),
        ),
        _Niche(
            "ALS-FTD spectrum disorders",
            readouts=("motor neuron degeneration", "neuronal loss"),
            systems=("SOD1-G93A mice", "iPSC-derived motor neurons"),
            targets=("TDP-43", "C9orf72 function"),
            diseases=("amyotrophic lateral sclerosis", "sporadic ALS", "frontotemporal dementia"),
            interventions=("intrathecal SOD1 silencing",),
        ),
        _Niche(
            "astrocyte biology",
            readouts=("astrocyte reactivity", "blood-brain barrier leakage", "synapse loss"),
            systems=("organotypic human brain slices", "5xFAD mice"),
            targets=("complement C1q", "interleukin-1 beta", "the glymphatic system"),
            methods=("spatial transcriptomics of postmortem brain",),
        ),
        _Niche(
            "fluid biomarkers of neurodegeneration",
            readouts=("cognitive decline", "neuronal loss"),
            targets=("tau", "amyloid-beta"),
            diseases=(
                "Alzheimer's disease",
                "mild cognitive impairment",
                "frontotemporal dementia",
            ),
            methods=("plasma p-tau217 assays", "CSF proteomics"),
        ),
        _Niche(
            "inflammasome signaling",
            readouts=("microglial activation", "blood-brain barrier leakage", "neuronal loss"),
            systems=("iPSC-derived microglia", "mice after controlled cortical impact"),
            targets=("the NLRP3 inflammasome", "interleukin-1 beta"),
            diseases=("Parkinson's disease", "traumatic brain injury", "ischemic stroke"),
            interventions=("NLRP3 inhibitors",),
        ),
        _Niche(
            "multiple sclerosis neuroimmunology",
            readouts=("demyelination", "microglial activation"),
            systems=("mice with experimental autoimmune encephalomyelitis",),
            targets=("complement C1q", "CSF1R signaling"),
            diseases=("multiple sclerosis",),
            methods=("diffusion tensor imaging", "TSPO PET imaging"),
        ),
        _Niche(
            "neuroinflammation in psychiatric disorders",
            readouts=("synapse loss", "microglial activation"),
            systems=("iPSC-derived microglia", "human cerebral organoids"),
            targets=("interleukin-1 beta", "complement C1q"),
            diseases=("treatment-resistant depression", "schizophrenia"),
            methods=("TSPO PET imaging",),
            interventions=("low-dose ketamine",),
        ),
        _Niche(
            "APOE genetics in Alzheimer's disease",
            readouts=("cognitive decline", "pathology spreading"),
            systems=("APOE4 knock-in mice", "iPSC-derived microglia"),
            targets=("APOE4", "amyloid-beta"),
            diseases=("Alzheimer's disease",),
            interventions=("anti-amyloid monoclonal antibodies",),
        ),
        _Niche(
            "Huntington's disease",
            readouts=("neuronal loss", "striatal atrophy"),
            systems=("R6/2 mice", "human cerebral organoids"),
            targets=("mutant huntingtin",),
            diseases=("Huntington's disease",),
            methods=("diffusion tensor imaging",),
        ),
    ),
    titles=(
        "Microglial responses to {target} in {disease}",
        "@Astrocytic contributions to {readout} in {model}",
        "Neuroinflammatory signatures of {disease} in {model}",
        "Complement-mediated synapse elimination in {disease}",
        "TSPO PET imaging of neuroinflammation in {disease}: {design}",
        "Plasma biomarkers of {target} pathology in {disease}: {design}",
        "Neuroimmune crosstalk involving {target} in {disease}",
    ),
    backgrounds=(
        "Neuroinflammation is increasingly recognized as a driver rather than a consequence of "
        "{disease}, yet the role of {target} remains contested.",
        "Microglia and astrocytes respond to {target} in ways that may either limit or amplify "
        "{readout} in {disease}.",
        "Disease-modifying therapies for {disease} remain scarce, and biomarkers of glial "
        "activation are needed to select patients for trials of {intervention}.",
    ),
    results=(
        "Single-nucleus profiling revealed an expanded population of disease-associated "
        "microglia with high expression of TREM2 and APOE.",
        "!Plasma neurofilament light chain rose by {pct}% per year and correlated with tau PET "
        "signal (r = {r}).",
        "@Microglia-specific perturbation of {target} reduced {readout} by {pct}% ({p}).",
        "!Astrocytic complement activation tracked with {readout} and with GFAP levels in "
        "cerebrospinal fluid (r = {r}).",
    ),
    conclusions=(
        "Targeting {target} may offer a glia-directed strategy to slow {readout} in {disease}.",
        "These data support fluid and imaging biomarkers of neuroinflammation to stratify "
        "patients in trials of {intervention}.",
    ),
    journals=(
        "Journal of Translational Neuroscience",
        "Neuroinflammation Research Letters",
        "Glia and Neurodegeneration",
        "Annals of Clinical Neuroimmunology",
    ),
    mesh=("Neuroinflammatory Diseases", "Neurodegenerative Diseases"),
    departments=(("neurol", 5), ("psych", 3), ("nsurg", 2), ("path", 2), ("rad", 1)),
    partners=("microbiome", "rare_diseases", "epigenetics"),
)

_CANCER_IMMUNOLOGY = _Area(
    code="cancer_immunology",
    clinical_methods=("circulating tumor DNA monitoring",),
    lab_methods=("pooled CRISPR screens in primary T cells",),
    diseases={
        "metastatic melanoma": "Melanoma",
        "non-small cell lung cancer": "Carcinoma, Non-Small-Cell Lung",
        "triple-negative breast cancer": "Triple Negative Breast Neoplasms",
        "glioblastoma": "Glioblastoma",
        "pancreatic ductal adenocarcinoma": "Carcinoma, Pancreatic Ductal",
        "diffuse large B-cell lymphoma": "Lymphoma, Large B-Cell, Diffuse",
        "multiple myeloma": "Multiple Myeloma",
        "hepatocellular carcinoma": "Carcinoma, Hepatocellular",
        "Merkel cell carcinoma": "Carcinoma, Merkel Cell",
        "mismatch repair-deficient solid tumors": "DNA Mismatch Repair",
        "head and neck squamous cell carcinoma": "Squamous Cell Carcinoma of Head and Neck",
        "high-grade serous ovarian cancer": "Ovarian Neoplasms",
        "B-cell acute lymphoblastic leukemia": "Precursor B-Cell Lymphoblastic Leukemia-Lymphoma",
    },
    targets={
        "PD-1": "Programmed Cell Death 1 Receptor",
        "PD-L1": "B7-H1 Antigen",
        "CTLA-4": "CTLA-4 Antigen",
        "LAG-3": "Antigens, CD",
        "TIGIT": "Receptors, Immunologic",
        "tumor-infiltrating lymphocytes": "Lymphocytes, Tumor-Infiltrating",
        "exhausted CD8+ T cells": "CD8-Positive T-Lymphocytes",
        "tumor-associated macrophages": "Tumor-Associated Macrophages",
        "tertiary lymphoid structures": "Tertiary Lymphoid Structures",
        "STING signaling": "Membrane Proteins",
        "MHC class I antigen presentation": "Histocompatibility Antigens Class I",
        "myeloid-derived suppressor cells": "Myeloid-Derived Suppressor Cells",
        "tumor neoantigens": "Antigens, Neoplasm",
        "interferon-gamma signaling": "Interferon-gamma",
        "CD19 expression": "Antigens, CD19",
    },
    methods={
        "T-cell receptor repertoire sequencing": "Receptors, Antigen, T-Cell",
        "multiplexed immunofluorescence": "Fluorescent Antibody Technique",
        "mass cytometry": "Flow Cytometry",
        "spatial profiling of the tumor microenvironment": "Tumor Microenvironment",
        "neoantigen prediction pipelines": "Computational Biology",
        "circulating tumor DNA monitoring": "Circulating Tumor DNA",
        "pooled CRISPR screens in primary T cells": (
            "Clustered Regularly Interspaced Short Palindromic Repeats"
        ),
    },
    interventions={
        "anti-PD-1 therapy": "Immune Checkpoint Inhibitors",
        "CAR-T cell therapy": "Receptors, Chimeric Antigen",
        "personalized neoantigen vaccines": "Cancer Vaccines",
        "bispecific T-cell engagers": "Antibodies, Bispecific",
        "combined CTLA-4 and PD-1 blockade": "Immune Checkpoint Inhibitors",
        "adoptive TIL therapy": "Immunotherapy, Adoptive",
        "oncolytic virotherapy": "Oncolytic Virotherapy",
        "intratumoral STING agonists": "Adjuvants, Immunologic",
    },
    extra_terms=(
        "immunotherapy",
        "tumor-infiltrating",
        "checkpoint",
        "neoantigen",
        "neoantigens",
        "antitumor",
        "CAR-T",
    ),
    cohorts=(
        "pretreatment biopsies from {n} patients",
        "a phase 2 trial cohort of {n} patients",
        "{n} patients treated at a single academic center",
        "peripheral blood from {n} patients receiving immunotherapy",
    ),
    systems=(
        "MC38 syngeneic tumors",
        "B16-F10 melanoma-bearing mice",
        "humanized NSG mice",
        "patient-derived tumor fragments",
        "autologous tumor organoid and T-cell co-cultures",
        "KPC pancreatic cancer mice",
    ),
    readouts=(
        "tumor growth",
        "T-cell exhaustion",
        "immune escape",
        "metastatic spread",
        "cytokine release syndrome",
        "immune-related adverse events",
        "myeloid suppression",
    ),
    features={
        "T-cell receptor repertoire sequencing": (
            "tumor-reactive T-cell clonotypes",
            "expanded T-cell clonotypes",
        ),
        "spatial profiling of the tumor microenvironment": ("spatially restricted immune genes",),
        "neoantigen prediction pipelines": ("candidate neoantigens", "high-affinity neoepitopes"),
        "pooled CRISPR screens in primary T cells": (
            "genes regulating T-cell fitness",
            "negative regulators of T-cell persistence",
        ),
    },
    niches=(
        _Niche(
            "checkpoint blockade biomarkers",
            readouts=("immune escape", "tumor growth", "immune-related adverse events"),
            systems=("MC38 syngeneic tumors", "B16-F10 melanoma-bearing mice"),
            targets=("PD-1", "PD-L1", "CTLA-4", "LAG-3"),
            diseases=("metastatic melanoma", "non-small cell lung cancer"),
            methods=("circulating tumor DNA monitoring",),
            interventions=("anti-PD-1 therapy", "combined CTLA-4 and PD-1 blockade"),
        ),
        _Niche(
            "CAR-T cell engineering",
            readouts=("cytokine release syndrome", "T-cell exhaustion", "immune escape"),
            systems=("humanized NSG mice",),
            targets=("CD19 expression", "exhausted CD8+ T cells"),
            diseases=(
                "diffuse large B-cell lymphoma",
                "B-cell acute lymphoblastic leukemia",
                "multiple myeloma",
            ),
            methods=("pooled CRISPR screens in primary T cells",),
            interventions=("CAR-T cell therapy", "bispecific T-cell engagers"),
        ),
        _Niche(
            "tumor-infiltrating lymphocytes",
            readouts=("T-cell exhaustion", "tumor growth"),
            systems=(
                "patient-derived tumor fragments",
                "autologous tumor organoid and T-cell co-cultures",
            ),
            targets=("tumor-infiltrating lymphocytes", "exhausted CD8+ T cells"),
            methods=("T-cell receptor repertoire sequencing",),
            interventions=("adoptive TIL therapy",),
        ),
        _Niche(
            "neoantigen vaccines",
            readouts=("immune escape", "tumor growth"),
            systems=("B16-F10 melanoma-bearing mice", "MC38 syngeneic tumors"),
            targets=("tumor neoantigens", "MHC class I antigen presentation"),
            diseases=("metastatic melanoma", "mismatch repair-deficient solid tumors"),
            methods=("neoantigen prediction pipelines",),
            interventions=("personalized neoantigen vaccines",),
        ),
        _Niche(
            "tumor myeloid biology",
            readouts=("myeloid suppression", "metastatic spread"),
            systems=("KPC pancreatic cancer mice", "patient-derived tumor fragments"),
            targets=("tumor-associated macrophages", "myeloid-derived suppressor cells"),
            diseases=(
                "pancreatic ductal adenocarcinoma",
                "hepatocellular carcinoma",
                "glioblastoma",
            ),
            methods=("mass cytometry",),
        ),
        _Niche(
            "innate immune sensing",
            readouts=("tumor growth", "immune escape"),
            systems=("MC38 syngeneic tumors", "B16-F10 melanoma-bearing mice"),
            targets=("STING signaling", "interferon-gamma signaling"),
            interventions=("intratumoral STING agonists", "oncolytic virotherapy"),
        ),
        _Niche(
            "spatial tumor immunology",
            readouts=("immune escape", "metastatic spread"),
            systems=("patient-derived tumor fragments",),
            targets=("tertiary lymphoid structures", "tumor-infiltrating lymphocytes"),
            diseases=(
                "head and neck squamous cell carcinoma",
                "triple-negative breast cancer",
                "high-grade serous ovarian cancer",
            ),
            methods=(
                "multiplexed immunofluorescence",
                "spatial profiling of the tumor microenvironment",
            ),
        ),
        _Niche(
            "T-cell exhaustion",
            readouts=("T-cell exhaustion",),
            systems=("humanized NSG mice", "autologous tumor organoid and T-cell co-cultures"),
            targets=("exhausted CD8+ T cells", "TIGIT", "LAG-3"),
            methods=("pooled CRISPR screens in primary T cells",),
        ),
        _Niche(
            "cutaneous immuno-oncology",
            readouts=("immune escape", "immune-related adverse events"),
            systems=("B16-F10 melanoma-bearing mice",),
            targets=("PD-L1", "tumor neoantigens"),
            diseases=("Merkel cell carcinoma", "metastatic melanoma"),
            interventions=("anti-PD-1 therapy",),
        ),
    ),
    titles=(
        "Tumor-infiltrating lymphocyte states associated with response to {intervention} in "
        "{disease}",
        "Neoantigen landscape of {disease} and implications for {intervention}",
        "Resistance to {intervention} mediated by {target} in {disease}",
        "Spatial organization of {target} within the tumor microenvironment of {disease}",
        "Immune-related adverse events after {intervention} in {disease}: {design}",
        "@Antitumor immunity driven by {target} in {model}",
        "Checkpoint blockade and {target} in {disease}",
    ),
    backgrounds=(
        "Immune checkpoint inhibitors have transformed the treatment of {disease}, but most "
        "patients do not achieve durable responses.",
        "The composition of the tumor immune microenvironment, including {target}, shapes "
        "sensitivity to {intervention} in {disease}.",
    ),
    results=(
        "!Objective responses occurred in {responders}, and median progression-free survival "
        "was {months} months.",
        "!Responders showed a {fold}-fold expansion of tumor-infiltrating lymphocytes, dominated "
        "by clonally expanded CD8+ T cells.",
        "T-cell receptor sequencing identified {k} tumor-reactive clonotypes, {pct}% of which "
        "recognized predicted neoantigens.",
        "!Grade 3 or higher immune-related adverse events occurred in {pct}% of patients and were "
        "associated with baseline alterations in {target}.",
    ),
    conclusions=(
        "Profiling {target} may help select patients with {disease} for {intervention}.",
        "Rational combinations that target {target} could extend the benefit of immunotherapy "
        "to more patients with {disease}.",
    ),
    journals=(
        "Tumor Immunology Advances",
        "Journal of Cellular Immunotherapy",
        "Cancer Immunity and Translation",
        "Immuno-Oncology Reports",
    ),
    mesh=("Neoplasms", "Immunotherapy"),
    departments=(
        ("onc", 5),
        ("immunol", 3),
        ("path", 2),
        ("derm", 1),
        ("rad", 1),
        ("med", 1),
    ),
    partners=("epigenetics", "microbiome"),
)

_MICROBIOME = _Area(
    code="microbiome",
    clinical_methods=(),
    lab_methods=("gnotobiotic colonization experiments",),
    diseases={
        "recurrent C. difficile infection": "Clostridium Infections",
        "ulcerative colitis": "Colitis, Ulcerative",
        "Crohn's disease": "Crohn Disease",
        "irritable bowel syndrome": "Irritable Bowel Syndrome",
        "necrotizing enterocolitis": "Enterocolitis, Necrotizing",
        "metabolic dysfunction-associated steatotic liver disease": (
            "Non-alcoholic Fatty Liver Disease"
        ),
        "obesity": "Obesity",
        "colorectal cancer": "Colorectal Neoplasms",
        "acute graft-versus-host disease": "Graft vs Host Disease",
        "hepatic encephalopathy": "Hepatic Encephalopathy",
        "pediatric food allergy": "Food Hypersensitivity",
        "autism spectrum disorder": "Autism Spectrum Disorder",
    },
    targets={
        "short-chain fatty acids": "Fatty Acids, Volatile",
        "butyrate-producing bacteria": "Butyrates",
        "the gut-brain axis": "Brain-Gut Axis",
        "secondary bile acids": "Bile Acids and Salts",
        "Akkermansia muciniphila": "Akkermansia",
        "enterotoxigenic Bacteroides fragilis": "Bacteroides fragilis",
        "microbial tryptophan metabolites": "Tryptophan",
        "the intestinal mucus barrier": "Intestinal Mucosa",
        "mucosa-associated Escherichia coli": "Escherichia coli",
        "intestinal bacteriophages": "Bacteriophages",
        "colonic regulatory T cells": "T-Lymphocytes, Regulatory",
        "trimethylamine N-oxide": "Methylamines",
        "secretory IgA": "Immunoglobulin A, Secretory",
    },
    methods={
        "shotgun metagenomics": "Metagenomics",
        "16S rRNA gene sequencing": "RNA, Ribosomal, 16S",
        "untargeted fecal metabolomics": "Metabolomics",
        "gnotobiotic colonization experiments": "Germ-Free Life",
        "strain-resolved metagenomic assembly": "Metagenome",
        "culturomics": "Bacteriological Techniques",
        "metatranscriptomics": "Gene Expression Profiling",
    },
    interventions={
        "fecal microbiota transplantation": "Fecal Microbiota Transplantation",
        "defined bacterial consortia": "Probiotics",
        "dietary fiber supplementation": "Dietary Fiber",
        "next-generation probiotics": "Probiotics",
        "phage therapy": "Phage Therapy",
        "oral butyrate": "Butyrates",
        "narrow-spectrum antibiotics": "Anti-Bacterial Agents",
        "synbiotic formulas": "Synbiotics",
    },
    extra_terms=(
        "microbiome",
        "microbiota",
        "metagenomic",
        "commensal",
        "gut microbial",
        "short-chain fatty acid",
        "C. difficile",
        "butyrate",
        "dysbiosis",
    ),
    cohorts=(
        "{n} adults enrolled in a dietary intervention trial",
        "stool samples from {n} patients",
        "{n} participants in a longitudinal stool biobank",
    ),
    systems=(
        "germ-free mice",
        "gnotobiotic mice colonized with patient microbiota",
        "human colonic organoids",
        "mice with dextran sulfate sodium colitis",
        "an in vitro gut simulator",
        "antibiotic-treated mice",
    ),
    readouts=(
        "colonic inflammation",
        "intestinal permeability",
        "pathogen colonization",
        "metabolic endotoxemia",
        "hepatic steatosis",
        "loss of microbial diversity",
        "visceral hypersensitivity",
    ),
    features={
        "shotgun metagenomics": (
            "differentially abundant bacterial species",
            "microbial metabolic pathways",
        ),
        "16S rRNA gene sequencing": ("differentially abundant bacterial taxa",),
        "untargeted fecal metabolomics": ("fecal metabolites", "microbially derived metabolites"),
        "strain-resolved metagenomic assembly": ("strain-level variants", "donor-derived strains"),
        "culturomics": ("previously uncultured bacterial isolates",),
        "metatranscriptomics": ("differentially expressed microbial genes",),
    },
    niches=(
        _Niche(
            "fecal microbiota transplantation",
            readouts=(
                "pathogen colonization",
                "colonic inflammation",
                "loss of microbial diversity",
            ),
            systems=("gnotobiotic mice colonized with patient microbiota",),
            diseases=("recurrent C. difficile infection", "ulcerative colitis"),
            methods=("strain-resolved metagenomic assembly",),
            interventions=("fecal microbiota transplantation", "defined bacterial consortia"),
        ),
        _Niche(
            "C. difficile infection",
            readouts=("pathogen colonization", "loss of microbial diversity"),
            systems=("antibiotic-treated mice", "an in vitro gut simulator"),
            targets=("secondary bile acids", "butyrate-producing bacteria"),
            diseases=("recurrent C. difficile infection",),
            interventions=("narrow-spectrum antibiotics", "fecal microbiota transplantation"),
        ),
        _Niche(
            "short-chain fatty acid immunology",
            readouts=("colonic inflammation", "intestinal permeability"),
            systems=(
                "germ-free mice",
                "mice with dextran sulfate sodium colitis",
                "human colonic organoids",
            ),
            targets=(
                "short-chain fatty acids",
                "butyrate-producing bacteria",
                "colonic regulatory T cells",
            ),
            diseases=("ulcerative colitis", "Crohn's disease"),
            interventions=("dietary fiber supplementation", "oral butyrate"),
        ),
        _Niche(
            "gut-brain axis",
            readouts=("visceral hypersensitivity", "anxiety-like behavior"),
            systems=("germ-free mice", "gnotobiotic mice colonized with patient microbiota"),
            targets=("the gut-brain axis", "microbial tryptophan metabolites"),
            diseases=(
                "autism spectrum disorder",
                "hepatic encephalopathy",
                "irritable bowel syndrome",
            ),
        ),
        _Niche(
            "microbial metagenomics",
            readouts=("loss of microbial diversity",),
            methods=(
                "shotgun metagenomics",
                "strain-resolved metagenomic assembly",
                "metatranscriptomics",
            ),
        ),
        _Niche(
            "early-life microbiome",
            cohorts=(
                "a cohort of {n} preterm infants",
                "a birth cohort of {n} mother-infant pairs",
            ),
            readouts=("intestinal permeability", "allergic sensitization"),
            systems=("germ-free mice",),
            targets=("secretory IgA", "butyrate-producing bacteria"),
            diseases=("necrotizing enterocolitis", "pediatric food allergy"),
            interventions=("synbiotic formulas",),
        ),
        _Niche(
            "microbiome in metabolic disease",
            readouts=("hepatic steatosis", "metabolic endotoxemia"),
            systems=("gnotobiotic mice colonized with patient microbiota",),
            targets=("trimethylamine N-oxide", "Akkermansia muciniphila", "secondary bile acids"),
            diseases=("obesity", "metabolic dysfunction-associated steatotic liver disease"),
            methods=("untargeted fecal metabolomics",),
            interventions=("next-generation probiotics",),
        ),
        _Niche(
            "microbiome in colorectal cancer",
            readouts=("colonic tumorigenesis", "colonic inflammation"),
            systems=("human colonic organoids", "germ-free mice"),
            targets=("enterotoxigenic Bacteroides fragilis", "mucosa-associated Escherichia coli"),
            diseases=("colorectal cancer",),
            methods=("shotgun metagenomics",),
        ),
        _Niche(
            "bacteriophage biology",
            readouts=("pathogen colonization",),
            systems=("an in vitro gut simulator", "antibiotic-treated mice"),
            targets=("intestinal bacteriophages",),
            methods=("culturomics",),
            interventions=("phage therapy",),
        ),
        _Niche(
            "inflammatory bowel disease",
            readouts=("colonic inflammation", "intestinal permeability"),
            systems=("mice with dextran sulfate sodium colitis", "human colonic organoids"),
            targets=("the intestinal mucus barrier", "mucosa-associated Escherichia coli"),
            diseases=("ulcerative colitis", "Crohn's disease"),
            methods=("gnotobiotic colonization experiments",),
        ),
    ),
    titles=(
        "Gut microbiome signatures of {disease} in {cohort}",
        "Fecal microbiota transplantation for {disease}: {design}",
        "Strain-level engraftment after fecal microbiota transplantation in {disease}",
        "Diet-microbiome interactions, {target}, and {readout} in {disease}",
        "Early-life gut microbiota and risk of {disease}: {design}",
        "@Host-microbiome interactions involving {target} in {model}",
        "Metagenomic profiling of {disease} identifies {feature}",
    ),
    backgrounds=(
        "The gut microbiome shapes host immunity and metabolism, and its disruption has been "
        "linked to {disease}.",
        "Host-microbe interactions involving {target} are candidate mediators of {readout} in "
        "{disease}.",
        "Fecal microbiota transplantation is effective for recurrent C. difficile infection, but "
        "its mechanisms and its potential in {disease} remain unclear.",
    ),
    results=(
        "!Fecal short-chain fatty acid concentrations were {pct}% lower in patients than in "
        "controls, reflecting depletion of butyrate producers.",
        "!Donor strain engraftment exceeded {pct}% at week 8 and correlated with clinical "
        "remission ({p}).",
        "!Shotgun metagenomics resolved {species} bacterial species, {pct}% of which differed in "
        "abundance between patients and controls.",
        "Colonization of germ-free mice with patient microbiota transferred {readout}, which "
        "was prevented by {intervention}.",
    ),
    conclusions=(
        "Microbiome-targeted interventions such as {intervention} merit evaluation in {disease}.",
        "Modulating {target} may offer a tractable, microbiome-based approach to limit {readout}.",
    ),
    journals=(
        "Microbiome and Host Physiology",
        "Gut Microbial Ecology in Medicine",
        "Journal of Clinical Microbiome Research",
        "Intestinal Host-Microbe Letters",
    ),
    mesh=("Gastrointestinal Microbiome",),
    departments=(("gi", 5), ("med", 3), ("peds", 2), ("immunol", 1), ("endo", 1)),
    partners=("neuro", "cancer_immunology"),
)

_RARE_DISEASES = _Area(
    code="rare_diseases",
    clinical_methods=(
        "newborn screening",
        "quantitative muscle MRI",
        "wearable digital outcome measures",
        "dried blood spot biomarker assays",
    ),
    lab_methods=("minigene splicing assays", "vector biodistribution analysis"),
    diseases={
        "Duchenne muscular dystrophy": "Muscular Dystrophy, Duchenne",
        "spinal muscular atrophy": "Muscular Atrophy, Spinal",
        "Fabry disease": "Fabry Disease",
        "Pompe disease": "Glycogen Storage Disease Type II",
        "mucopolysaccharidosis type I": "Mucopolysaccharidosis I",
        "Niemann-Pick disease type C": "Niemann-Pick Disease, Type C",
        "cystic fibrosis": "Cystic Fibrosis",
        "Friedreich ataxia": "Friedreich Ataxia",
        "Dravet syndrome": "Epilepsies, Myoclonic",
        "Angelman syndrome": "Angelman Syndrome",
        "hereditary transthyretin amyloidosis": "Amyloid Neuropathies, Familial",
        "Leber congenital amaurosis": "Leber Congenital Amaurosis",
        "metachromatic leukodystrophy": "Leukodystrophy, Metachromatic",
        "lysosomal storage disorders": "Lysosomal Storage Diseases",
    },
    targets={
        "dystrophin": "Dystrophin",
        "SMN protein": "Survival of Motor Neuron 1 Protein",
        "SMN2 exon 7 inclusion": "Survival of Motor Neuron 2 Protein",
        "frataxin": "Iron-Binding Proteins",
        "CFTR function": "Cystic Fibrosis Transmembrane Conductance Regulator",
        "alpha-galactosidase A activity": "alpha-Galactosidase",
        "acid alpha-glucosidase activity": "alpha-Glucosidases",
        "alpha-L-iduronidase activity": "Iduronidase",
        "UBE3A expression": "Ubiquitin-Protein Ligases",
        "SCN1A expression": "NAV1.1 Voltage-Gated Sodium Channel",
        "NPC1 function": "Niemann-Pick C1 Protein",
        "RPE65 function": "cis-trans-Isomerases",
        "arylsulfatase A activity": "Cerebroside-Sulfatase",
        "transthyretin production": "Prealbumin",
    },
    methods={
        "long-read genome sequencing": "Whole Genome Sequencing",
        "minigene splicing assays": "RNA Splicing",
        "newborn screening": "Neonatal Screening",
        "quantitative muscle MRI": "Magnetic Resonance Imaging",
        "wearable digital outcome measures": "Wearable Electronic Devices",
        "vector biodistribution analysis": "Tissue Distribution",
        "dried blood spot biomarker assays": "Dried Blood Spot Testing",
    },
    interventions={
        "antisense oligonucleotides": "Oligonucleotides, Antisense",
        "AAV gene therapy": "Genetic Therapy",
        "AAV9-mediated gene replacement": "Dependovirus",
        "enzyme replacement therapy": "Enzyme Replacement Therapy",
        "substrate reduction therapy": "Enzyme Inhibitors",
        "exon-skipping oligonucleotides": "Oligonucleotides, Antisense",
        "small-molecule splicing modifiers": "RNA Splicing",
        "adenine base editing": "Gene Editing",
        "lentiviral hematopoietic stem cell gene therapy": "Genetic Therapy",
        "CFTR modulator therapy": "Chloride Channel Agonists",
        "RNA interference therapeutics": "RNA Interference",
        "intrathecal cyclodextrin": "2-Hydroxypropyl-beta-cyclodextrin",
        "Nrf2 activators": "NF-E2-Related Factor 2",
    },
    extra_terms=(
        "rare disease",
        "rare diseases",
        "natural history",
        "gene therapy",
        "lysosomal",
        "antisense",
        "orphan",
    ),
    cohorts=(
        "a natural history cohort of {n} patients",
        "an international registry of {n} patients",
        "{n} patients enrolled in an expanded access program",
        "patient-derived fibroblasts from {n} individuals",
    ),
    systems=(
        "mdx mice",
        "SMN-delta7 mice",
        "nonhuman primates",
        "patient-derived myotubes",
        "iPSC-derived motor neurons",
        "Idua-knockout mice",
        "patient-derived retinal organoids",
    ),
    readouts=(
        "substrate storage",
        "muscle fiber degeneration",
        "motor function decline",
        "seizure burden",
        "respiratory decline",
        "retinal degeneration",
        "cardiomyopathy progression",
    ),
    features={
        "long-read genome sequencing": ("structural variants", "pathogenic splice variants"),
        "minigene splicing assays": ("pathogenic splice variants",),
        "dried blood spot biomarker assays": ("lipid and glycan species",),
    },
    niches=(
        _Niche(
            "Duchenne muscular dystrophy",
            targets=("dystrophin",),
            diseases=("Duchenne muscular dystrophy",),
            methods=("quantitative muscle MRI", "wearable digital outcome measures"),
            interventions=("exon-skipping oligonucleotides", "AAV gene therapy"),
        ),
        _Niche(
            "spinal muscular atrophy",
            cohorts=("{n} children identified through newborn screening",),
            targets=("SMN protein", "SMN2 exon 7 inclusion"),
            diseases=("spinal muscular atrophy",),
            methods=("newborn screening",),
            interventions=(
                "antisense oligonucleotides",
                "small-molecule splicing modifiers",
                "AAV9-mediated gene replacement",
            ),
        ),
        _Niche(
            "lysosomal storage disorders",
            targets=(
                "alpha-galactosidase A activity",
                "acid alpha-glucosidase activity",
                "alpha-L-iduronidase activity",
                "NPC1 function",
                "arylsulfatase A activity",
            ),
            diseases=(
                "Fabry disease",
                "Pompe disease",
                "mucopolysaccharidosis type I",
                "Niemann-Pick disease type C",
                "metachromatic leukodystrophy",
                "lysosomal storage disorders",
            ),
            methods=("dried blood spot biomarker assays",),
            interventions=(
                "enzyme replacement therapy",
                "substrate reduction therapy",
                "lentiviral hematopoietic stem cell gene therapy",
            ),
        ),
        _Niche(
            "AAV gene therapy",
            targets=("dystrophin", "SMN protein", "RPE65 function"),
            methods=("vector biodistribution analysis",),
            interventions=("AAV gene therapy", "AAV9-mediated gene replacement"),
        ),
        _Niche(
            "antisense oligonucleotide therapeutics",
            targets=("SMN2 exon 7 inclusion", "UBE3A expression", "SCN1A expression"),
            diseases=("Angelman syndrome", "Dravet syndrome"),
            methods=("minigene splicing assays",),
            interventions=("antisense oligonucleotides", "exon-skipping oligonucleotides"),
        ),
        _Niche(
            "natural history research",
            targets=("frataxin",),
            diseases=(
                "Friedreich ataxia",
                "Duchenne muscular dystrophy",
                "Niemann-Pick disease type C",
            ),
            methods=("wearable digital outcome measures", "quantitative muscle MRI"),
        ),
        _Niche(
            "genetic epilepsies",
            targets=("SCN1A expression", "UBE3A expression"),
            diseases=("Dravet syndrome", "Angelman syndrome"),
            interventions=("antisense oligonucleotides",),
        ),
        _Niche(
            "inherited retinal disease",
            targets=("RPE65 function",),
            diseases=("Leber congenital amaurosis",),
            interventions=("AAV gene therapy", "adenine base editing"),
        ),
        _Niche(
            "cystic fibrosis",
            targets=("CFTR function",),
            diseases=("cystic fibrosis",),
            interventions=("CFTR modulator therapy", "adenine base editing"),
        ),
        _Niche(
            "rare disease genomics",
            methods=(
                "long-read genome sequencing",
                "newborn screening",
                "minigene splicing assays",
            ),
        ),
        _Niche(
            "transthyretin amyloidosis",
            targets=("transthyretin production",),
            diseases=("hereditary transthyretin amyloidosis",),
            interventions=("RNA interference therapeutics", "antisense oligonucleotides"),
        ),
    ),
    titles=(
        "Natural history of {disease}: {design}",
        "Long-term outcomes of {intervention} in {disease}: {design}",
        "Genotype-phenotype correlations in {disease} from {cohort}",
        "Newborn screening for {disease}: {design}",
        "@Restoration of {target} by {intervention} in {model}",
        "Clinical outcome assessments for {disease} trials: {design}",
        "@Preclinical evaluation of {intervention} for {disease} in {model}",
        "@Antisense oligonucleotide-mediated rescue of {target} in {model}",
    ),
    backgrounds=(
        "Disorders such as {disease} remain difficult to study because patient populations are "
        "small, heterogeneous, and geographically dispersed.",
        "Disease-modifying therapies such as {intervention} have changed the outlook for "
        "{disease}, but durability and optimal timing of treatment remain uncertain.",
        "Natural history data are essential for designing trials in {disease}, yet few "
        "prospective datasets exist.",
    ),
    results=(
        "!Over a median follow-up of {months} months, {responders} reached the prespecified "
        "motor or functional milestone.",
        "@Treatment restored {target} to {pct}% of wild-type levels in {model}, with a {pct2}% "
        "reduction in {readout}.",
        "!No serious treatment-related adverse events were observed, although transient "
        "transaminase elevation occurred in {few}% of participants.",
        "!Rates of {readout} in the natural history cohort provided an external control against "
        "which treatment effects of {intervention} could be estimated.",
    ),
    conclusions=(
        "These findings support earlier intervention with {intervention} in {disease}, ideally "
        "before the onset of {readout}.",
        "!Natural history and biomarker data from this cohort can serve as a benchmark for "
        "future rare disease trials in {disease}.",
    ),
    journals=(
        "Orphan Disease Therapeutics",
        "Journal of Rare Disorders and Gene Therapy",
        "Neuromuscular and Metabolic Genetics Reports",
        "Lysosomal and Inherited Disease Letters",
    ),
    mesh=("Rare Diseases",),
    departments=(
        ("peds", 4),
        ("genet", 3),
        ("neurol", 2),
        ("ophth", 1),
        ("cardio", 1),
        ("med", 1),
    ),
    partners=("neuro", "epigenetics"),
    profiles={
        "Duchenne muscular dystrophy": _Profile(
            targets=("dystrophin",),
            interventions=("exon-skipping oligonucleotides", "AAV gene therapy"),
            readouts=(
                "muscle fiber degeneration",
                "motor function decline",
                "cardiomyopathy progression",
                "respiratory decline",
            ),
            systems=("mdx mice", "patient-derived myotubes"),
        ),
        "spinal muscular atrophy": _Profile(
            targets=("SMN protein", "SMN2 exon 7 inclusion"),
            interventions=(
                "antisense oligonucleotides",
                "small-molecule splicing modifiers",
                "AAV9-mediated gene replacement",
            ),
            readouts=("motor function decline", "respiratory decline", "motor neuron loss"),
            systems=("SMN-delta7 mice", "iPSC-derived motor neurons", "nonhuman primates"),
        ),
        "Fabry disease": _Profile(
            targets=("alpha-galactosidase A activity",),
            interventions=(
                "enzyme replacement therapy",
                "substrate reduction therapy",
                "AAV gene therapy",
            ),
            readouts=("substrate storage", "cardiomyopathy progression", "renal function decline"),
            systems=("Gla-knockout mice", "patient-derived podocytes"),
        ),
        "Pompe disease": _Profile(
            targets=("acid alpha-glucosidase activity",),
            interventions=("enzyme replacement therapy", "AAV gene therapy"),
            readouts=("substrate storage", "respiratory decline", "motor function decline"),
            systems=("Gaa-knockout mice", "patient-derived myotubes"),
        ),
        "mucopolysaccharidosis type I": _Profile(
            targets=("alpha-L-iduronidase activity",),
            interventions=(
                "enzyme replacement therapy",
                "lentiviral hematopoietic stem cell gene therapy",
            ),
            readouts=("substrate storage", "skeletal dysplasia", "cardiomyopathy progression"),
            systems=("Idua-knockout mice", "nonhuman primates"),
        ),
        "Niemann-Pick disease type C": _Profile(
            targets=("NPC1 function",),
            interventions=("substrate reduction therapy", "intrathecal cyclodextrin"),
            readouts=(
                "substrate storage",
                "motor function decline",
                "cerebellar Purkinje cell loss",
            ),
            systems=("Npc1-mutant mice", "iPSC-derived neurons"),
        ),
        "cystic fibrosis": _Profile(
            targets=("CFTR function",),
            interventions=("CFTR modulator therapy", "adenine base editing"),
            readouts=("lung function decline", "airway mucus obstruction"),
            systems=("patient-derived intestinal organoids", "primary airway epithelial cultures"),
        ),
        "Friedreich ataxia": _Profile(
            targets=("frataxin",),
            interventions=("AAV gene therapy", "Nrf2 activators"),
            readouts=("motor function decline", "cardiomyopathy progression"),
            systems=("frataxin-deficient mice", "iPSC-derived sensory neurons"),
        ),
        "Dravet syndrome": _Profile(
            targets=("SCN1A expression",),
            interventions=("antisense oligonucleotides",),
            readouts=("seizure burden", "developmental regression"),
            systems=("Scn1a haploinsufficient mice", "iPSC-derived interneurons"),
        ),
        "Angelman syndrome": _Profile(
            targets=("UBE3A expression",),
            interventions=("antisense oligonucleotides",),
            readouts=("seizure burden", "developmental regression"),
            systems=("Ube3a maternal-deficient mice", "human cerebral organoids"),
        ),
        "hereditary transthyretin amyloidosis": _Profile(
            targets=("transthyretin production",),
            interventions=("RNA interference therapeutics", "antisense oligonucleotides"),
            readouts=("polyneuropathy progression", "cardiomyopathy progression"),
            systems=("humanized TTR mice", "nonhuman primates"),
        ),
        "Leber congenital amaurosis": _Profile(
            targets=("RPE65 function",),
            interventions=("AAV gene therapy", "adenine base editing"),
            readouts=("retinal degeneration",),
            systems=("Rpe65-deficient mice", "patient-derived retinal organoids"),
        ),
        "metachromatic leukodystrophy": _Profile(
            targets=("arylsulfatase A activity",),
            interventions=(
                "lentiviral hematopoietic stem cell gene therapy",
                "enzyme replacement therapy",
            ),
            readouts=("substrate storage", "motor function decline"),
            systems=("Arsa-knockout mice",),
        ),
        "lysosomal storage disorders": _Profile(
            targets=(
                "alpha-galactosidase A activity",
                "acid alpha-glucosidase activity",
                "alpha-L-iduronidase activity",
                "arylsulfatase A activity",
            ),
            interventions=("enzyme replacement therapy", "substrate reduction therapy"),
            readouts=("substrate storage",),
            systems=("patient-derived fibroblasts", "nonhuman primates"),
        ),
    },
)

_AREAS: dict[str, _Area] = {
    area.code: area
    for area in (_EPIGENETICS, _NEURO, _CANCER_IMMUNOLOGY, _MICROBIOME, _RARE_DISEASES)
}

# Templates any area can use; every title names a target or a disease, so it carries vocabulary.
_GENERIC_TITLES: tuple[str, ...] = (
    "{Target} as a therapeutic vulnerability in {disease}",
    "Role of {target} in {disease}: evidence from {model}",
    "Dysregulation of {target} in {disease} identified by {method}",
    "Targeting {target} to limit {readout} in {disease}",
    "{Intervention} for {disease}: {design}",
    "Efficacy and safety of {intervention} in {disease}: {design}",
    "Interplay between {target} and {target2} during {readout} in {disease}",
    "Profiling {target} in {disease} with {method}",
    "Prognostic value of {target} in {disease}: {design}",
    "Insights from {method} into {target} in {disease}",
    "@Treatment with {intervention} attenuates {readout} in {model}",
    "@Loss of {target} accelerates {readout} in {model}",
    "Sex differences in {target} and {readout} in {disease}",
    "Predictors of response to {intervention} in {disease}",
    "Mapping the heterogeneity of {target} in {disease} with {method}",
    "Biomarkers of {readout} in patients with {disease} receiving {intervention}",
    "@Contribution of {target} to {readout} in {model}",
    "Longitudinal assessment of {target} in {disease}: {design}",
    "Baseline {target} and outcomes after {intervention} in {disease}",
    "@Pharmacological modulation of {target} in {model}",
)

_GENERIC_BACKGROUNDS: tuple[str, ...] = (
    "Dysregulation of {target} has been implicated in {disease}, but its contribution to "
    "{readout} in patients remains unclear.",
    "Patients with {disease} have limited disease-modifying options, and biomarkers that track "
    "{readout} are urgently needed.",
    "Although treatment with {intervention} has entered clinical testing, predictors of benefit "
    "in {disease} remain poorly defined.",
    "Few studies have examined {target} in {disease} at the resolution needed to guide "
    "therapeutic development.",
    "Mechanisms linking {target} to {readout} are incompletely understood, limiting rational "
    "drug development for {disease}.",
)

_GENERIC_OBJECTIVES: tuple[str, ...] = (
    "Here, we applied {method} to {model} to define the role of {target} in {disease}.",
    "We combined {method} with functional studies in {model} to test the contribution of "
    "{target} to {readout}.",
    "In this study, we evaluated treatment with {intervention} in {model}, with {readout} as the "
    "primary outcome.",
    "!We analyzed {model} using {method} and integrated the results with clinical and molecular "
    "data.",
)

_GENERIC_RESULTS: tuple[str, ...] = (
    "!Alterations in {target} were detected in {pct}% of cases and were associated with "
    "{readout} ({odds}).",
    "Treatment with {intervention} reduced {readout} by {pct}% compared with controls ({p}).",
    "!Alterations in {target} at baseline predicted {readout} over {months} months of follow-up "
    "({hazard}).",
    "Using {method}, we identified {k} {feature} that distinguished {disease} from controls.",
    "@These effects were reproduced in {model} and were abolished by genetic or "
    "pharmacological perturbation of {target}.",
    "!A composite signature incorporating {target} discriminated cases from controls with an "
    "area under the curve of {auc}.",
    "!Associations were consistent across age, sex, and disease stage, and were independent of "
    "established clinical risk factors.",
)

_GENERIC_CONCLUSIONS: tuple[str, ...] = (
    "These findings nominate {target} as a tractable therapeutic target in {disease}.",
    "Our results support prospective evaluation of {intervention} in {disease}, guided by "
    "biomarkers of {readout}.",
    "Together, these data provide a framework for developing therapies directed at {target} in "
    "{disease}.",
    "The accompanying dataset is openly available and should accelerate biomarker development "
    "for {disease}.",
    "Larger prospective studies are warranted to confirm these observations and to assess their "
    "clinical utility in {disease}.",
    "These results highlight opportunities for academic-industry collaboration to translate "
    "insights on {target} into therapies for {disease}.",
)

_OBSERVATIONAL_DESIGNS: tuple[str, ...] = (
    "a prospective cohort study",
    "a multicenter retrospective study",
    "an international registry study",
    "a case-control study",
    "a single-center experience",
    "a systematic review and meta-analysis",
    "a longitudinal observational study",
    "a nested case-control study",
    "a cross-sectional study",
)
_TRIAL_DESIGNS: tuple[str, ...] = (
    "a randomized, double-blind, placebo-controlled trial",
    "a phase 1/2 dose-escalation study",
    "a post hoc analysis of a phase 3 trial",
    "an open-label extension study",
    "a multicenter retrospective study",
    "a single-center experience",
    "a systematic review and meta-analysis",
    "a pragmatic randomized trial",
)

_GENERAL_JOURNALS: tuple[str, ...] = (
    "Annals of Translational Biomedicine",
    "Translational Medicine Letters",
    "Journal of Bench-to-Bedside Research",
    "Frontiers in Experimental Therapeutics Reports",
)

# Which area a slot's phrase comes from: the slot's "kind" in the slot-area map.
_SLOT_KINDS: dict[str, str] = {
    "target": "target",
    "target2": "target",
    "disease": "disease",
    "readout": "disease",
    "cohort": "disease",
    "method": "method",
    "feature": "method",
    "intervention": "intervention",
    "model": "model",
}

_TITLE_WEIGHTS: tuple[int, ...] = (15, 30, 25, 30)
_FIRST_YEAR_BY_TITLE: dict[str, int] = {
    "Instructor": 2019,
    "Assistant Professor": 2016,
    "Associate Professor": 2013,
    "Professor": FIRST_YEAR,
}
_PAPERS_BY_TITLE: dict[str, tuple[int, int]] = {
    "Instructor": (5, 6),
    "Assistant Professor": (5, 7),
    "Associate Professor": (6, 8),
    "Professor": (7, 9),
}


def _dedupe(items: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Return ``items`` without repeats, keeping first occurrences in order."""
    return tuple(dict.fromkeys(items))


AREA_VOCABULARY: dict[str, tuple[str, ...]] = {
    code: _dedupe(
        [
            *area.diseases,
            *area.targets,
            *area.methods,
            *area.interventions,
            *area.extra_terms,
        ]
    )
    for code, area in _AREAS.items()
}
"""Per focus area, the phrases that mark a text as being about that area."""


def _vocabulary_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Compile a case-insensitive pattern matching any of ``terms`` as whole words."""
    ordered = sorted(terms, key=len, reverse=True)
    alternatives = "|".join(re.escape(term) for term in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_VOCABULARY_PATTERNS: dict[str, re.Pattern[str]] = {
    code: _vocabulary_pattern(terms) for code, terms in AREA_VOCABULARY.items()
}


def mentions_area(text: str, area: str) -> bool:
    """Tell whether ``text`` uses any phrase of focus area ``area``'s vocabulary."""
    return _VOCABULARY_PATTERNS[area].search(text) is not None


def publication_areas(publication: DemoPublication) -> tuple[str, ...]:
    """Return the focus areas whose vocabulary a publication's title or abstract uses."""
    text = f"{publication.title} {publication.abstract}"
    return tuple(code for code in FOCUS_AREAS if mentions_area(text, code))


# --------------------------------------------------------------------------------------------
# Generation


@dataclass
class _Registry:
    """What must stay unique across the whole corpus while it is generated."""

    titles: set[str] = field(default_factory=set)
    pmids: set[str] = field(default_factory=set)
    dois: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Person:
    """A researcher's profile before their papers are written."""

    full_name: str
    title: str
    areas: tuple[str, ...]
    niches: dict[str, tuple[_Niche, ...]]
    circle: tuple[str, ...]


def _cap(text: str) -> str:
    """Capitalise the first letter unless the first word is a symbol such as iPSC or dCas9."""
    if not text:
        return text
    head = re.split(r"[\s\-/]", text, maxsplit=1)[0]
    if head.isalpha() and head.islower():
        return text[0].upper() + text[1:]
    return text


def _email_part(name: str) -> str:
    """Reduce a name to the lowercase letters used in an e-mail address."""
    return re.sub(r"[^a-z]", "", name.lower())


def _email(full_name: str) -> str:
    """Build ``firstname.lastname@institute.example`` from a full name."""
    first, last = full_name.split(" ", 1)
    return f"{_email_part(first)}.{_email_part(last)}@{EMAIL_DOMAIN}"


def _researcher_names(rng: random.Random, count: int) -> list[str]:
    """Draw ``count`` distinct full names whose e-mail addresses are distinct too."""
    capacity = len(_FIRST_NAMES) * len(_LAST_NAMES)
    if count > capacity // 4:
        raise ValueError(f"At most {capacity // 4} researchers can be given distinct names.")
    names: list[str] = []
    emails: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"
        email = _email(name)
        if email not in emails:
            emails.add(email)
            names.append(name)
    return names


def _coauthor_name(rng: random.Random, registry: _Registry) -> str:
    """Invent a co-author who is not one of the institute's researchers."""
    while True:
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
        if rng.random() < 0.4:
            name = f"{first} {rng.choice(_MIDDLE_INITIALS)}. {last}"
        else:
            name = f"{first} {last}"
        if name not in registry.names:
            return name


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    """Pick a key of ``weights`` with probability proportional to its value."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys], k=1)[0]


def _choose_departments(rng: random.Random, areas: tuple[str, ...]) -> tuple[str, ...]:
    """Pick one department that fits the primary area and perhaps a second that fits any."""
    primary = _weighted(rng, dict(_AREAS[areas[0]].departments))
    chosen = [primary]
    if rng.random() < 0.35:
        pool: dict[str, int] = {}
        for area in areas:
            for code, weight in _AREAS[area].departments:
                if code != primary:
                    pool[code] = pool.get(code, 0) + weight
        chosen.append(_weighted(rng, pool))
    return tuple(chosen)


def _choose_niches(rng: random.Random, areas: tuple[str, ...]) -> dict[str, tuple[_Niche, ...]]:
    """Pick the specialties (two to four in all) that shape a researcher's papers."""
    if len(areas) == 1:
        counts = [rng.choice((2, 3, 3, 4))]
    else:
        counts = [rng.choice((1, 2, 2)), rng.choice((1, 1, 2))]
    return {
        area: tuple(rng.sample(_AREAS[area].niches, k))
        for area, k in zip(areas, counts, strict=True)
    }


def _pick(
    rng: random.Random, favoured: tuple[str, ...], pool: Iterable[str], odds: float = 1.0
) -> str:
    """Pick one of the ``favoured`` phrases (with probability ``odds``), else any of ``pool``."""
    if favoured and rng.random() < odds:
        return rng.choice(favoured)
    return rng.choice(list(pool))


def _choose_disease(rng: random.Random, area: _Area, theme: _Niche) -> str:
    """Pick a disease that suits a paper's theme."""
    if theme.diseases:
        return rng.choice(theme.diseases)
    fitting = [
        disease
        for disease, profile in area.profiles.items()
        if any(target in profile.targets for target in theme.targets)
        or any(drug in profile.interventions for drug in theme.interventions)
    ]
    return rng.choice(fitting or list(area.diseases))


def _numbers(rng: random.Random) -> dict[str, str]:
    """Invent the statistics one sentence may quote."""
    hazard = rng.uniform(1.25, 3.4)
    odds = rng.uniform(1.3, 4.2)
    total = rng.randint(14, 140)
    hits = rng.randint(max(1, total // 6), total * 2 // 3)
    p_value = "P < 0.001" if rng.random() < 0.4 else f"P = {rng.uniform(0.001, 0.045):.3f}"
    return {
        "n": f"{rng.randint(24, 2400):,}",
        "k": str(rng.randint(12, 480)),
        "species": f"{rng.randint(180, 1400):,}",
        "pct": str(rng.randint(12, 78)),
        "pct2": str(rng.randint(15, 65)),
        "few": str(rng.randint(3, 24)),
        "fold": f"{rng.uniform(1.4, 6.8):.1f}",
        "hazard": (
            f"hazard ratio {hazard:.2f}; 95% CI {1 + (hazard - 1) * rng.uniform(0.3, 0.8):.2f} "
            f"to {hazard * rng.uniform(1.2, 1.7):.2f}"
        ),
        "odds": (
            f"odds ratio {odds:.2f}; 95% CI {1 + (odds - 1) * rng.uniform(0.3, 0.8):.2f} "
            f"to {odds * rng.uniform(1.25, 1.8):.2f}"
        ),
        "p": p_value,
        "auc": f"{rng.uniform(0.71, 0.94):.2f}",
        "r": f"{rng.uniform(0.32, 0.81):.2f}",
        "months": str(rng.randint(6, 60)),
        "weeks": str(rng.randint(4, 24)),
        "yrs": f"{rng.uniform(1.5, 7.9):.1f}",
        "responders": f"{hits} of {total} patients ({round(100 * hits / total)}%)",
    }


@cache
def _slots_in(template: str) -> frozenset[str]:
    """Return the lowercase names of the slots a template uses."""
    return frozenset(name.lower() for name in re.findall(r"\{(\w+)\}", template))


def _compatible(template: str, owner: str | None, slot_areas: dict[str, str]) -> bool:
    """Tell whether an area-specific template suits a paper's slot areas.

    A template written for area ``owner`` only reads well when its slots are filled from that
    area; generic templates (``owner`` is None) suit every paper.
    """
    if owner is None:
        return True
    return all(
        slot_areas[_SLOT_KINDS[slot]] == owner
        for slot in _slots_in(template)
        if slot in _SLOT_KINDS
    )


def _templates(
    generic: tuple[str, ...],
    kind: str,
    areas: tuple[str, ...],
    slot_areas: dict[str, str],
    experimental: bool = True,
) -> list[str]:
    """Gather the generic templates of a kind and the area-specific ones that fit.

    Templates marked with a leading ``@`` describe experiments and only suit experimental
    papers; those marked with ``!`` describe patients and only suit the others.
    """
    unsuitable = "!" if experimental else "@"
    pool = [template for template in generic if not template.startswith(unsuitable)]
    for code in areas:
        for template in getattr(_AREAS[code], kind, ()):
            if not template.startswith(unsuitable) and _compatible(template, code, slot_areas):
                pool.append(template)
    return pool


def _fill_slots(
    rng: random.Random,
    slot_areas: dict[str, str],
    themes: dict[str, _Niche],
    title: str,
) -> tuple[dict[str, str], bool]:
    """Choose the phrases of one paper: the same ones serve its title and its abstract.

    Each area involved lends the paper a theme (one of its niches) whose phrases are favoured;
    where the disease has a profile, the target, intervention, readout and model follow it.
    ``target2`` is empty when no second target fits. A title template that names a study
    design or a cohort makes the paper a clinical one. Also tell whether the paper is
    experimental (its model is an animal or a culture rather than people).
    """
    clinical = "{design}" in title or "{cohort}" in title
    disease_code = slot_areas["disease"]
    disease_area = _AREAS[disease_code]
    disease = _choose_disease(rng, disease_area, themes[disease_code])
    profile = disease_area.profiles.get(disease)

    def choose(slot: str, kind: str, odds: float) -> tuple[str, tuple[str, ...]]:
        """Pick a target or intervention; also return the others that would fit, best first."""
        code = slot_areas[slot]
        favoured: tuple[str, ...] = getattr(themes[code], kind)
        if profile is not None and code == disease_code:
            allowed: tuple[str, ...] = getattr(profile, kind)
            narrowed = tuple(item for item in favoured if item in allowed)
            return rng.choice(narrowed or allowed), allowed
        pool = tuple(getattr(_AREAS[code], kind))
        return _pick(rng, favoured, pool, odds), favoured + pool

    target, fitting_targets = choose("target", "targets", 1.0)
    second = [item for item in fitting_targets if item != target]
    target2 = rng.choice(second[:3]) if second else ""
    intervention, _ = choose("intervention", "interventions", 0.85)

    if profile is not None:
        readout = rng.choice(profile.readouts)
    else:
        readout = _pick(rng, themes[disease_code].readouts, disease_area.readouts, 0.85)

    model_code = slot_areas["model"]
    model_area = _AREAS[model_code]
    if profile is not None and model_code == disease_code:
        systems = profile.systems
    else:
        systems = themes[model_code].systems or model_area.systems
    size = f"{rng.randint(24, 2400):,}"
    cohort = rng.choice(themes[disease_code].cohorts or disease_area.cohorts).format(n=size)
    if clinical:
        model = cohort
    elif title.startswith("@"):
        model = rng.choice(systems)
    else:
        model = rng.choice(systems + model_area.cohorts[:2]).format(n=size)
    experimental = model in systems

    method_code = slot_areas["method"]
    method_area = _AREAS[method_code]
    unsuitable = method_area.clinical_methods if experimental else method_area.lab_methods
    method = _pick(
        rng,
        tuple(item for item in themes[method_code].methods if item not in unsuitable),
        [item for item in method_area.methods if item not in unsuitable],
        0.75,
    )
    features = method_area.features.get(method, ())
    designs = _TRIAL_DESIGNS if "{intervention}" in title.lower() else _OBSERVATIONAL_DESIGNS
    slots = {
        "target": target,
        "target2": target2,
        "disease": disease,
        "method": method,
        "intervention": intervention,
        "readout": readout,
        "feature": rng.choice(features) if features else "",
        "cohort": cohort,
        "model": model,
        "design": rng.choice(designs),
    }
    return slots, experimental


_FIELD = re.compile(r"\{(\w+)\}")


def _render(template: str, slots: dict[str, str], rng: random.Random) -> str:
    """Fill a template; ``{Slot}`` gives the capitalised phrase of ``{slot}``.

    A leading ``@`` or ``!`` (which mark templates for experimental or human studies) is
    dropped; statistics are invented only when the template quotes some.
    """
    names = _FIELD.findall(template)
    numbers = (
        _numbers(rng)
        if any(name not in slots and name.lower() not in slots for name in names)
        else {}
    )
    values: dict[str, str] = {}
    for name in names:
        if name in slots:
            values[name] = slots[name]
        elif name.lower() in slots:
            values[name] = _cap(slots[name.lower()])
        else:
            values[name] = numbers[name]
    return _cap(template.lstrip("@!").format(**values))


def _repeats_a_phrase(title: str, slots: dict[str, str]) -> bool:
    """Tell whether a title says one of its phrases twice, as in "tau PET of tau"."""
    lowered = title.lower()
    return any(value and lowered.count(value.lower()) > 1 for value in slots.values())


# In a bridge paper the area listed first lends the mechanism (targets) and the other the
# diseases: the microbiome in cancer or neurodegeneration, epigenetics in cancer or rare
# disease, neuroinflammation in rare disease; rare diseases' targets stay with their diseases.
_MECHANISM_ORDER: tuple[str, ...] = (
    "microbiome",
    "epigenetics",
    "neuro",
    "cancer_immunology",
    "rare_diseases",
)


def _slot_areas(rng: random.Random, main: str, partner: str | None) -> dict[str, str]:
    """Decide which area each kind of phrase comes from; a bridge paper mixes two areas."""
    if partner is None:
        return dict.fromkeys(("target", "disease", "method", "intervention", "model"), main)
    target, disease = sorted((main, partner), key=_MECHANISM_ORDER.index)
    return {
        "target": target,
        "disease": disease,
        "method": rng.choice((main, partner)),
        "intervention": disease if _AREAS[disease].profiles else rng.choice((main, partner)),
        "model": target,
    }


def _mesh_terms(
    text: str, slots: dict[str, str], slot_areas: dict[str, str], areas: tuple[str, ...]
) -> tuple[str, ...]:
    """Index a paper with the MeSH headings of the phrases it uses."""
    terms: list[str] = []
    for slot, kind in (
        ("disease", "diseases"),
        ("target", "targets"),
        ("target2", "targets"),
        ("method", "methods"),
        ("intervention", "interventions"),
    ):
        phrase = slots[slot]
        if phrase and phrase in text:
            area = _AREAS[slot_areas[_SLOT_KINDS[slot]]]
            terms.append(getattr(area, kind)[phrase])
    for code in areas:
        terms.extend(_AREAS[code].mesh)
    model = slots["model"]
    if model in text and "mice" in model:
        terms.extend(("Animals", "Mice"))
    elif model in text and "primates" in model:
        terms.extend(("Animals", "Primates"))
    else:
        terms.append("Humans")
    return _dedupe(terms)


def _sentences(rng: random.Random, pool: list[str], count: int, slots: dict[str, str]) -> list[str]:
    """Render ``count`` different sentences from ``pool``, avoiding ones that say a phrase twice."""
    chosen: list[str] = []
    spare: list[str] = []
    usable = [t for t in pool if all(slots.get(name, "x") for name in _slots_in(t))]
    for template in rng.sample(usable, len(usable)):
        sentence = _render(template, slots, rng)
        (spare if _repeats_a_phrase(sentence, slots) else chosen).append(sentence)
        if len(chosen) == count:
            break
    return (chosen + spare)[:count]


def _write_paper(
    rng: random.Random,
    registry: _Registry,
    main: str,
    partner: str | None,
    themes: dict[str, _Niche],
) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    """Compose a unique title and its abstract; return them with the MeSH terms and areas."""
    areas = (main,) if partner is None else (main, partner)
    for attempt in range(400):
        if attempt >= 150:  # the theme is exhausted: let any niche of the areas inspire the paper
            themes = {code: rng.choice(_AREAS[code].niches) for code in areas}
        slot_areas = _slot_areas(rng, main, partner)
        titles = _templates(_GENERIC_TITLES, "titles", areas, slot_areas)
        template = rng.choice(titles)
        slots, experimental = _fill_slots(rng, slot_areas, themes, template)
        if any(not slots.get(name, "x") for name in _slots_in(template)):
            continue
        title = _render(template, slots, rng)
        if attempt >= 300:  # a safety net: the vocabularies make this practically unreachable
            title = f"{title} (part {attempt - 298})"
        if title.lower() in registry.titles or _repeats_a_phrase(title, slots):
            continue
        registry.titles.add(title.lower())
        break
    else:  # pragma: no cover - the numbered parts above always end the loop first
        raise RuntimeError("Could not compose a unique title.")

    def pool(generic: tuple[str, ...], kind: str) -> list[str]:
        """The generic and fitting area-specific templates of one kind of sentence."""
        return _templates(generic, kind, areas, slot_areas, experimental)

    sentences = _sentences(rng, pool(_GENERIC_BACKGROUNDS, "backgrounds"), 1, slots)
    if rng.random() < 0.7:
        sentences += _sentences(rng, pool(_GENERIC_OBJECTIVES, "objectives"), 1, slots)
    sentences += _sentences(rng, pool(_GENERIC_RESULTS, "results"), rng.choice((1, 2)), slots)
    sentences += _sentences(rng, pool(_GENERIC_CONCLUSIONS, "conclusions"), 1, slots)
    abstract = " ".join(sentences)
    mesh = _mesh_terms(f"{title} {abstract}", slots, slot_areas, areas)
    return title, abstract, mesh, areas


def _pmid(rng: random.Random, registry: _Registry, year: int) -> str:
    """Draw an unused 8-digit PMID starting with 9 that grows with the year, as real ones do."""
    block = 650_000
    while True:
        pmid = str(90_000_000 + (year - FIRST_YEAR) * block + rng.randrange(block))
        if pmid not in registry.pmids:
            registry.pmids.add(pmid)
            return pmid


def _doi(rng: random.Random, registry: _Registry, year: int) -> str:
    """Draw an unused DOI under the reserved example prefix 10.5555."""
    while True:
        doi = f"10.5555/tl.{year}.{rng.randrange(100_000):05d}"
        if doi not in registry.dois:
            registry.dois.add(doi)
            return doi


def _byline(
    rng: random.Random, person: _Person, registry: _Registry
) -> tuple[tuple[str, ...], int]:
    """Assemble the authors of a paper and the researcher's 1-based place among them."""
    size = rng.randint(3, 10)
    others: list[str] = []
    while len(others) < size - 1:
        name = rng.choice(person.circle) if rng.random() < 0.6 else _coauthor_name(rng, registry)
        if name not in others and name != person.full_name:
            others.append(name)
    senior = person.title in ("Associate Professor", "Professor")
    roll = rng.random()
    if roll < (0.65 if senior else 0.15):
        position = size
    elif roll < (0.8 if senior else 0.7):
        position = 1
    else:
        position = rng.randint(2, size - 1)
    authors = [*others[: position - 1], person.full_name, *others[position - 1 :]]
    return tuple(authors), position


def _paper_plan(
    rng: random.Random, areas: tuple[str, ...], count: int
) -> list[tuple[str, str | None]]:
    """Decide each paper's main area and, for bridge papers, its partner area.

    Papers stay in the researcher's own areas, except at most one collaboration paper in
    another area, so at least four in five of anyone's papers carry their own vocabulary.
    """
    plan: list[tuple[str, str | None]] = []
    for _ in range(count):
        if len(areas) == 1:
            plan.append((areas[0], None))
        elif rng.random() < 0.25:
            plan.append((areas[0], areas[1]))
        else:
            plan.append((areas[0] if rng.random() < 0.65 else areas[1], None))
    if rng.random() < 0.3:
        outside = [code for code in FOCUS_AREAS if code not in areas]
        plan[rng.randrange(count)] = (rng.choice(outside), None)
    return plan


def _journal(rng: random.Random, areas: tuple[str, ...]) -> str:
    """Pick a fictional journal, usually one of the paper's area."""
    if rng.random() < 0.2:
        return rng.choice(_GENERAL_JOURNALS)
    return rng.choice(_AREAS[rng.choice(areas)].journals)


def _publications(
    rng: random.Random, person: _Person, registry: _Registry
) -> tuple[DemoPublication, ...]:
    """Write a researcher's papers, newest first."""
    low, high = _PAPERS_BY_TITLE[person.title]
    count = rng.randint(low, high)
    papers: list[DemoPublication] = []
    for main, partner in _paper_plan(rng, person.areas, count):
        themes = {
            code: rng.choice(person.niches.get(code) or _AREAS[code].niches)
            for code in ((main,) if partner is None else (main, partner))
        }
        title, abstract, mesh, areas = _write_paper(rng, registry, main, partner, themes)
        year = rng.randint(_FIRST_YEAR_BY_TITLE[person.title], LAST_YEAR)
        authors, position = _byline(rng, person, registry)
        papers.append(
            DemoPublication(
                title=title,
                abstract=abstract,
                journal=_journal(rng, areas),
                year=year,
                pmid=_pmid(rng, registry, year),
                doi=_doi(rng, registry, year),
                mesh_terms=mesh,
                authors=authors,
                position=position,
            )
        )
    papers.sort(key=lambda paper: (paper.year, paper.pmid), reverse=True)
    return tuple(papers)


def _join(phrases: list[str]) -> str:
    """Join phrases as prose: "a", "a and b", "a, b, and c"."""
    if len(phrases) == 1:
        return phrases[0]
    if len(phrases) == 2:
        return f"{phrases[0]} and {phrases[1]}"
    return f"{', '.join(phrases[:-1])}, and {phrases[-1]}"


def _bio(
    rng: random.Random,
    person: _Person,
    department_codes: tuple[str, ...],
    specialties: tuple[str, ...],
    open_to_industry: bool,
) -> str:
    """Write a one- or two-sentence biography."""
    names = dict(_DEPARTMENTS)
    last = person.full_name.split(" ", 1)[1]
    article = "an" if person.title[0] in "AEIOU" else "a"
    base = f"{article} {person.title} in the Department of {names[department_codes[0]]}"
    joint = (
        f" with a joint appointment in {names[department_codes[1]]}"
        if len(department_codes) > 1
        else ""
    )
    aside = f",{joint}," if joint else ""
    work = _join(list(specialties))
    first = rng.choice(
        (
            f"Dr. {last} is {base}{aside} whose laboratory studies {work}.",
            f"Dr. {last} is {base}{joint}, working on {work}.",
            f"Dr. {last}, {base}{joint}, leads a translational program in {work}.",
        )
    )
    if rng.random() < 0.25:
        return first
    area_label = FOCUS_AREAS[person.areas[0]].lower()
    if open_to_industry:
        second = rng.choice(
            (
                f"The group welcomes industry partnerships in {area_label}.",
                f"Dr. {last} has led sponsored research collaborations and is open to new "
                "industry partnerships.",
                f"The laboratory seeks industry partners to advance work on {specialties[0]} "
                "toward the clinic.",
            )
        )
    else:
        second = rng.choice(
            (
                "The group currently focuses on investigator-initiated and federally funded "
                "research.",
                f"Dr. {last} also directs a training program in translational research on "
                f"{area_label}.",
            )
        )
    return f"{first} {second}"


def _choose_areas(rng: random.Random, primary: str) -> tuple[str, ...]:
    """Give a researcher their primary area and, for about a third, a partner area."""
    if rng.random() < 0.35:
        return (primary, rng.choice(_AREAS[primary].partners))
    return (primary,)


def researchers(count: int = 300, seed: int = 2026) -> list[DemoResearcher]:
    """Generate ``count`` fictional researchers with their publications.

    The result depends only on ``count`` and ``seed``: equal arguments give equal lists.
    Primary focus areas are dealt out evenly, so each area covers at least a fifth of the
    researchers (more with secondary areas); titles, PMIDs, DOIs, names and e-mail addresses
    are unique across the corpus.
    """
    if count < 0:
        raise ValueError("count must not be negative.")
    rng = random.Random(seed)
    names = _researcher_names(rng, count)
    registry = _Registry(names=set(names))
    codes = list(FOCUS_AREAS)
    primaries = [codes[index % len(codes)] for index in range(count)]
    rng.shuffle(primaries)
    people: list[DemoResearcher] = []
    for index, (full_name, primary) in enumerate(zip(names, primaries, strict=True), start=1):
        areas = _choose_areas(rng, primary)
        niches = _choose_niches(rng, areas)
        person = _Person(
            full_name=full_name,
            title=rng.choices(TITLES, weights=_TITLE_WEIGHTS, k=1)[0],
            areas=areas,
            niches=niches,
            circle=tuple(_coauthor_name(rng, registry) for _ in range(8)),
        )
        department_codes = _choose_departments(rng, areas)
        specialties = tuple(niche.label for code in areas for niche in niches[code])
        open_to_industry = rng.random() < 0.75
        people.append(
            DemoResearcher(
                key=f"r{index:03d}",
                full_name=full_name,
                title=person.title,
                email=_email(full_name),
                departments=department_codes,
                focus_areas=areas,
                specialties=specialties,
                open_to_industry=open_to_industry,
                bio=_bio(rng, person, department_codes, specialties, open_to_industry),
                publications=_publications(rng, person, registry),
            )
        )
    return people
