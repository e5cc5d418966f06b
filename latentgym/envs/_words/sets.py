"""Curated category and attribute word sets (our own lists; lowercase).

The wordle sets hold five-letter words only (each at least 7, every member in the wordle pool);
the hangman sets hold words of any length of at least 3 letters (every member in the hangman
pool). The data build adds every member to its pool and to the dictionary, and tests check sizes.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(sorted(set(text.split())))


WORDLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "fruits": _words("apple mango peach grape lemon melon guava olive berry prune dates"),
    "body_parts": _words("heart liver chest mouth thumb elbow ankle wrist nails spine brain teeth"),
    "colors": _words("green black white brown amber coral ivory lilac mauve beige khaki"),
    "animals": _words("horse tiger zebra camel sheep goose mouse otter llama hyena moose bison"),
    "food": _words("bread pasta pizza salad cream toast bacon steak curry sauce candy"),
    "tools": _words("drill knife ruler level plane wedge clamp spade tongs"),
    "clothing": _words("shirt dress skirt scarf jeans boots pants shoes coats socks"),
    "nature": _words("river ocean beach cliff grass stone plant trees field creek marsh"),
    "buildings": _words("house tower cabin manor hotel villa barns lodge shack manse"),
    "emotions": _words("anger happy bliss grief panic shame pride worry peace dread"),
    "weather": _words("storm rainy sunny windy cloud frost sleet foggy humid misty"),
    "metals": _words("steel brass alloy ingot metal irons boron golds"),
}

WORDLE_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "actions": _words("throw catch climb dance write speak drive build laugh shout fight swing"),
    "abstract_concepts": _words("truth faith honor power glory mercy trust peace valor skill"),
    "time_related": _words("clock watch early later night today dawns month hours weeks years"),
    "size_descriptors": _words("large small giant broad short thick grand wider bulky"),
    "materials": _words("glass paper stone steel cloth brick linen nylon satin plank"),
    "quantities": _words("dozen score pairs total fewer eight seven three"),
}

HANGMAN_CATEGORIES: dict[str, tuple[str, ...]] = {
    "animals": _words(
        "cat dog cow pig hen fox owl bat rat ant bee elk yak ape eel emu gnu bear deer duck goat "
        "frog lion wolf seal swan crab hare mole mule lamb moth wasp toad newt crow dove hawk "
        "horse tiger zebra camel sheep goose mouse otter llama hyena moose bison eagle shark whale "
        "snake panda koala sloth skunk raven robin finch heron stork squid trout salmon rabbit "
        "monkey donkey turtle beaver badger ferret parrot pigeon falcon jaguar cougar walrus "
        "lizard spider beetle weasel gerbil hamster giraffe elephant kangaroo dolphin penguin "
        "leopard cheetah gorilla buffalo ostrich octopus lobster antelope squirrel hedgehog "
        "flamingo alligator crocodile rhinoceros hippopotamus chimpanzee porcupine raccoon "
        "mosquito butterfly caterpillar grasshopper scorpion chipmunk reindeer"
    ),
    "colors": _words(
        "red tan blue pink gold gray grey teal navy rose ruby jade lime plum rust sand wine "
        "green black white brown amber coral ivory lilac mauve beige khaki olive peach cream "
        "azure ochre sepia umber cyan orange yellow purple violet indigo silver maroon scarlet "
        "crimson magenta turquoise lavender burgundy charcoal emerald sapphire bronze copper "
        "salmon mustard cobalt apricot chestnut vermilion"
    ),
    "food": _words(
        "pie jam egg ham rice soup cake corn bean beef pork lamb milk fish tofu stew taco "
        "bread pasta pizza salad cream toast bacon steak curry sauce candy apple mango peach "
        "grape lemon melon honey cheese butter yogurt cereal cookie muffin waffle noodle "
        "burger sausage chicken potato tomato carrot onion garlic pepper celery lettuce "
        "spinach cabbage broccoli mushroom pancake omelette sandwich pudding custard biscuit "
        "cracker pretzel popcorn chocolate vanilla cinnamon oatmeal porridge dumpling lasagna "
        "spaghetti burrito avocado pineapple strawberry blueberry raspberry banana cherry "
        "walnut almond peanut"
    ),
    "body_parts": _words(
        "arm leg eye ear lip hip toe jaw rib gum hand foot head neck nose knee back shin chin "
        "hair skin nail heel palm lung vein bone heart liver chest mouth thumb elbow ankle "
        "wrist spine brain teeth tooth tongue throat cheek thigh waist belly navel shoulder "
        "finger kidney muscle stomach forehead eyebrow eyelash eyelid knuckle nostril "
        "skeleton bladder intestine pancreas artery tendon ligament calf scalp temple hamstring"
    ),
    "nature": _words(
        "sky sun sea bay mud dew log ivy oak elm fern moss leaf tree rock hill lake pond reef "
        "cave dune vale glen peak wind rain snow river ocean beach cliff grass stone plant "
        "field creek marsh swamp brook shore coast woods grove meadow forest jungle desert "
        "canyon valley island lagoon glacier volcano mountain prairie savanna tundra "
        "waterfall rainbow sunset sunrise thunder blossom flower petal branch pebble boulder "
        "pine willow maple cedar birch orchid daisy tulip lily clover thicket"
    ),
    "actions": _words(
        "run hop sit cut dig fly eat hit mix sew ski jog jump walk swim talk sing read cook "
        "kick push pull grab lift drop toss bake wash fold pour climb dance write speak drive "
        "build laugh shout fight swing throw catch sleep dream think carry chase paint "
        "draw bend stretch crawl whisper scream giggle wander travel explore gather "
        "borrow deliver juggle knit skate surf sprint wrestle stumble tumble shiver sneeze "
        "yawn blink wink clap wave nod bow kneel lean rest listen watch search"
    ),
    "objects": _words(
        "cup pen box key hat bag mug pot pan jar fan bed lamp desk sofa book coin ring bell "
        "fork rope vase comb sock shoe door chair table clock phone radio brush glass plate "
        "spoon knife towel ruler candle pillow blanket mirror bucket basket bottle wallet "
        "pencil eraser scissors stapler hammer ladder kettle teapot camera laptop "
        "umbrella backpack suitcase envelope magnet button needle thread zipper helmet "
        "guitar piano drum violin wheel anchor compass lantern shovel"
    ),
    "places": _words(
        "zoo gym inn bar spa bank park farm mall shop cafe fort port pier yard school church "
        "house hotel beach store market office museum temple castle palace garden bridge "
        "tunnel harbor airport station library hospital theater stadium factory "
        "bakery barn cabin cottage village city town capital island kitchen bedroom "
        "attic cellar garage hallway lobby prison courthouse cathedral university college "
        "campus arena plaza square avenue street highway pharmacy restaurant"
    ),
    "emotions": _words(
        "joy awe ire glee love hope fear rage envy calm pity lust bliss anger grief panic "
        "shame pride worry peace guilt dread happy sadness sorrow delight disgust "
        "surprise jealousy anxiety boredom regret relief longing loneliness contentment "
        "gratitude euphoria despair terror fury elation nostalgia frustration "
        "excitement confusion curiosity embarrassment affection admiration remorse "
        "hatred optimism pessimism serenity happiness anguish courage empathy passion"
    ),
    "weather": _words(
        "fog sun dew ice hail gale gust mist rain snow wind heat cold haze smog storm rainy "
        "sunny windy cloud frost sleet foggy humid misty hazy breeze drizzle shower thunder "
        "lightning tornado hurricane cyclone typhoon blizzard monsoon drought flood heatwave "
        "rainbow sunshine overcast cloudy snowy icy chilly freezing sweltering muggy "
        "downpour squall tempest whirlwind snowfall rainfall forecast climate frosty stormy gusty"
    ),
}
